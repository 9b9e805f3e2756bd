// What activation loads (#17 item 5): what the views need to draw, not the list editors, their
// validation (ipaddr.js), the profile forms or the device actions; those are in dist/features.js.
import { strict as assert } from 'assert';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');

async function activationInputs(): Promise<string[]> {
  // esbuild.js is the build itself (plain JS at the root): the same options, its first step.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const build = require(path.join(ROOT, 'esbuild.js')) as { activationInputs(): Promise<string[]> };
  return build.activationInputs();
}

describe('activation bundle', () => {
  let inputs: string[];
  before(async function () {
    this.timeout(60000);
    inputs = await activationInputs();
  });

  it('holds the three views and the lazy boundaries', () => {
    for (const f of ['src/views/devices/devicesTree.ts', 'src/views/profiles/profilesTree.ts', 'src/views/connectors/connectorsTree.ts', 'src/lazy/features.ts', 'src/lazy/listEditors.ts']) {
      assert.ok(inputs.includes(f), `${f} is not in the activation bundle`);
    }
  });

  it('leaves the list editors, list validation, profile commands and device actions to the deferred bundle', () => {
    const deferred = [
      /^src\/webviews\/listEditor\/(?!protocol\.ts$)/, // protocol.ts: the view type the serializer is registered for
      /^src\/commands\/lists\//,
      /^src\/model\/listValidation\.ts$/,
      /node_modules\/ipaddr\.js\//,
      /^src\/commands\/profiles\//,
      /^src\/commands\/devices\/(?!index\.ts$|deviceViewCommands\.ts$|common\.ts$)/,
      /^src\/model\/(staleDevices|deviceExport)\.ts$/,
    ];
    const loaded = inputs.filter(f => deferred.some(re => re.test(f)));
    assert.deepEqual(loaded, []);
  });
});
