import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIds, ContextKeys, SettingIds, VIEW_CONTAINER_ID, ViewIds, DEFAULT_API_BASE_URL } from '../../src/constants';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const contributes = pkg.contributes;
/** The English text VS Code shows for a manifest string: a %key% resolves through package.nls.json. */
const nls = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (v: string) => /^%([^%]+)%$/.exec(v)?.[1] ? nls[v.slice(1, -1)] : v;

describe('package.json contract', () => {
  it('declares the view container "WARP Fleet" with the three views', () => {
    const container = contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === VIEW_CONTAINER_ID);
    assert.ok(container, 'view container missing');
    assert.equal(text(container.title), 'WARP Fleet');
    const views = contributes.views[VIEW_CONTAINER_ID].map((v: { id: string; name: string }) => [v.id, text(v.name)]);
    assert.deepEqual(views, [
      [ViewIds.devices, 'Devices'],
      [ViewIds.profiles, 'Profiles'],
      [ViewIds.connectors, 'Connectors'],
    ]);
  });

  it('declares every command constant, and no command without a constant', () => {
    const declared = new Set(contributes.commands.map((c: { command: string }) => c.command));
    const constants = new Set(Object.values(CommandIds));
    for (const id of constants) assert.ok(declared.has(id), `${id} is not in package.json`);
    for (const id of declared) assert.ok(constants.has(id as never), `${id} has no constant in src/constants.ts`);
    for (const c of contributes.commands) {
      assert.equal(text(c.category), 'WARP Fleet', `${c.command} category`);
      assert.ok(c.title, `${c.command} title`);
    }
  });

  it('only references declared commands in menus', () => {
    const declared = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, items] of Object.entries(contributes.menus) as [string, { command: string }[]][]) {
      for (const item of items) assert.ok(declared.has(item.command), `${menu} names unknown ${item.command}`);
    }
  });

  it('declares the settings with the contract defaults and scopes', () => {
    const props = contributes.configuration.properties;
    for (const id of Object.values(SettingIds)) assert.ok(props[id], `${id} missing`);
    assert.equal(props[SettingIds.apiBaseUrl].default, DEFAULT_API_BASE_URL);
    assert.equal(props[SettingIds.apiBaseUrl].scope, 'machine');
    assert.equal(props[SettingIds.pageSize].type, 'integer');
  });

  it('uses declared context keys in when clauses', () => {
    const text = JSON.stringify(contributes);
    for (const key of Object.values(ContextKeys)) assert.ok(text.includes(key), `${key} unused`);
  });

  it('keeps @types/vscode no newer than engines.vscode', () => {
    const engine = pkg.engines.vscode.replace(/^[^\d]*/, '');
    const types = pkg.devDependencies['@types/vscode'].replace(/^[^\d]*/, '');
    const [emaj, emin] = engine.split('.').map(Number);
    const [tmaj, tmin] = types.split('.').map(Number);
    assert.ok(tmaj < emaj || (tmaj === emaj && tmin <= emin), `@types/vscode ${types} is newer than engines ${engine}`);
    // engines allows no VS Code older than the one the tests run on: code-server 4.N is built on VS Code 1.N
    // (scripts/install-vscode-tools.sh pins it). Older code-server releases cannot be installed from npm
    // alone: 4.96 needs a git dependency from GitHub, 4.99 to 4.117 download ripgrep from GitHub.
    const script = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'scripts', 'install-vscode-tools.sh'), 'utf8');
    const tested = Number(/^CODE_SERVER_VERSION=4\.(\d+)\./m.exec(script)?.[1]);
    assert.ok(emaj === 1 && emin >= tested, `engines.vscode ${engine} allows VS Code older than 1.${tested}, the one the tests run on`);
  });
});
