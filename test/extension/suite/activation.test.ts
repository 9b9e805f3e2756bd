// Smoke test: the extension is installed in the extension host, activates, and registers every command
// it declares in package.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import * as vscode from 'vscode';
import { deviceActionCommands } from '../../../src/commands/devices/actions';
import type { DevicesDeps } from '../../../src/commands/devices/common';
import { listFeatures } from '../../../src/commands/lists';
import { profileCommands } from '../../../src/commands/profiles';
import type { ProfilesDeps } from '../../../src/commands/profiles/common';
import { DEVICE_ACTION_COMMANDS, LIST_COMMANDS, PROFILE_COMMANDS } from '../../../src/lazy/deferredIds';
import type { Log } from '../../../src/util/log';

const EXTENSION_ID = 'warp-fleet.warp-fleet';

interface Manifest {
  contributes?: { commands?: { command: string }[] };
}

describe('Activation', () => {
  it(`the extension ${EXTENSION_ID} is present`, () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not loaded`);
  });

  it('activates without error', async function () {
    this.timeout(60000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('registers every command declared in package.json', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const manifest = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as Manifest;
    const declared = (manifest.contributes?.commands ?? []).map(c => c.command);
    assert.ok(declared.length > 0, 'package.json declares no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter(c => !registered.has(c));
    assert.deepStrictEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });

  // A command registered at activation under an id its deferred code lacks would fail only when run.
  it('registers under exactly the ids the deferred bundle implements', () => {
    const ids = (cmds: { id: string }[]) => cmds.map(c => c.id).sort();
    assert.deepStrictEqual(ids(deviceActionCommands({} as DevicesDeps)), [...DEVICE_ACTION_COMMANDS].sort());
    assert.deepStrictEqual(ids(profileCommands({} as ProfilesDeps)), [...PROFILE_COMMANDS].sort());
    const lists = listFeatures({ storage: vscode.Uri.file(os.tmpdir()), log: {} as Log, extensionUri: vscode.Uri.file(os.tmpdir()), onDidSave: () => undefined, session: undefined as never });
    try {
      assert.deepStrictEqual(ids(lists.commands), [...LIST_COMMANDS].sort());
    } finally {
      lists.registry.dispose();
    }
  });
});
