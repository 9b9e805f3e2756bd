// "Export Profile as Code" inside VS Code, against the simulator: what it reads, what it writes, where.
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../../src/api/types';
import { signedInSimulator, withPrompts } from './helpers';
import { custom, freshProfiles, pick, profileRow } from './profilesHelpers';

interface Exported {
  format: 'json' | 'terraform';
  content: string;
  uri: vscode.Uri;
}

describe('Export Profile as Code', function () {
  this.timeout(60000);
  const ctx = signedInSimulator({ devices: 10, profiles: 5 });
  beforeEach(() => freshProfiles(ctx.api, ctx.sim));
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  const run = async (name: string, format: string, target: string) => {
    const node = (await profileRow(ctx.api, name)).node;
    const { result } = await withPrompts(
      [
        { kind: 'quickPick', answer: pick(i => i.format === format), match: /Format/ },
        { kind: 'quickPick', answer: pick(i => i.target === target), match: /Destination/ },
      ],
      () => vscode.commands.executeCommand<Exported>('warpFleet.exportProfileAsCode', node),
    );
    assert.ok(result, 'the command returned nothing (it failed: see the log)');
    return result;
  };

  it('opens a custom profile as Terraform in an untitled editor, read fresh from Cloudflare, hostile text escaped', async () => {
    const eng = custom(ctx.sim, 'Engineering');
    // Text an attacker with profile-edit rights could plant: it must stay a string in the export.
    eng.description = 'x" }\nresource "cloudflare_account" "evil" { name = "${file("/etc/passwd")}';
    const out = await run('Engineering', 'terraform', 'untitled');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc?.isUntitled, 'an untitled editor is shown');
    assert.equal(doc.getText(), out.content);
    assert.ok(['terraform', 'plaintext'].includes(doc.languageId), doc.languageId);
    assert.match(out.content, /^resource "cloudflare_zero_trust_device_custom_profile" "engineering" \{$/m);
    assert.match(out.content, /^resource "cloudflare_zero_trust_device_custom_profile_local_domain_fallback" "engineering" \{$/m);
    assert.ok(out.content.includes(`id = "${ctx.sim.accountId}/${eng.policy_id}"`));
    assert.ok(out.content.includes('= "x\\" }\\nresource \\"cloudflare_account\\" \\"evil\\" { name = \\"$${file(\\"/etc/passwd\\")}"'), out.content);
    assert.equal(out.content.match(/^resource /gm)?.length, 2, 'no resource smuggled in');
    const listPaths = ctx.sim.requests.filter(r => r.method === 'GET').map(r => r.path.replace(`/accounts/${ctx.sim.accountId}`, ''));
    const id = eng.policy_id ?? '';
    assert.ok(listPaths.includes(`/devices/policy/${id}`) && listPaths.includes(`/devices/policy/${id}/fallback_domains`), listPaths.join(', '));
    assert.ok(listPaths.some(p => p === `/devices/policy/${id}/exclude` || p === `/devices/policy/${id}/include`), listPaths.join(', '));
    for (const d of eng.fallback_domains ?? []) assert.ok(out.content.includes(`suffix = "${d.suffix}"`), d.suffix);
  });

  it('saves the default profile as JSON in the API\'s shape through the save dialog, without credentials or the DoH id', async () => {
    const file = vscode.Uri.file(path.join(os.tmpdir(), `warp-fleet-export-${process.pid}.json`));
    const w = vscode.window as unknown as { showSaveDialog: (o: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined> };
    const original = w.showSaveDialog;
    let offered: vscode.SaveDialogOptions | undefined;
    w.showSaveDialog = async o => ((offered = o), file);
    try {
      const out = await run('Default', 'json', 'file');
      assert.equal(out.uri.toString(), file.toString());
      assert.deepStrictEqual(offered?.filters, { JSON: ['json'] });
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      assert.equal(written, out.content);
      const parsed = JSON.parse(written) as SettingsPolicy;
      const dflt = ctx.sim.state.defaultProfile;
      assert.equal(parsed.default, true);
      assert.deepStrictEqual(parsed.fallback_domains, dflt.fallback_domains ?? []);
      const mode = (dflt.include?.length ?? 0) > 0 ? 'include' : 'exclude';
      assert.deepStrictEqual(parsed[mode], dflt[mode] ?? []);
      assert.equal(parsed.gateway_unique_id, undefined);
      assert.ok(!written.includes(ctx.sim.token), 'the API token is not in the export');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString(), 'the saved file is shown');
    } finally {
      w.showSaveDialog = original;
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });
});
