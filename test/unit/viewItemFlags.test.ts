import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ViewItemFlags } from '../../src/constants';

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Every `viewItem` test in package.json's menus: `viewItem == x`, `viewItem =~ /(^|;)x(;|$)/`, `/^(x|y)(;|$)/` or `/x/`. */
function menuFlags(): Map<string, string> {
  const found = new Map<string, string>();
  for (const items of Object.values(pkg.contributes.menus) as { when?: string; command?: string }[][]) {
    for (const item of items) {
      for (const m of (item.when ?? '').matchAll(/viewItem\s*(==|!=|=~)\s*(\/(?:[^/\\]|\\.)*\/|'[^']*'|[^\s&|)]+)/g)) {
        const test = m[2];
        // a regex names one flag, or a choice of flags `(a|b)`, anchored at the start or after a `;`
        const body = test.startsWith('/') ? test.slice(1, -1).replace(/^(\(\^\|;\)|\^)/, '').replace(/\(;\|\$\)$/, '') : test.replace(/^'|'$/g, '');
        const flags = /^\([A-Za-z|]+\)$/.test(body) ? body.slice(1, -1).split('|') : [body];
        for (const flag of flags) {
          assert.match(flag, /^[A-Za-z]+$/, `${item.command}: a viewItem test that names no flag (${test})`);
          found.set(flag, item.command ?? '?');
        }
      }
    }
  }
  return found;
}

/** The source of every file under src/ but constants.ts. */
function sources(dir = path.join(root, 'src')): string {
  return fs.readdirSync(dir, { withFileTypes: true })
    .map(e => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return sources(p);
      return e.name.endsWith('.ts') && e.name !== 'constants.ts' ? fs.readFileSync(p, 'utf8') : '';
    })
    .join('\n');
}

describe('contextValue flags (ViewItemFlags) against package.json', () => {
  it('every flag a menu tests is a ViewItemFlags constant', () => {
    const flags = menuFlags();
    assert.ok(flags.size >= 10, `found only ${flags.size} viewItem tests: has the when-clause syntax changed?`);
    const known = new Set<string>(Object.values(ViewItemFlags));
    for (const [flag, command] of flags) assert.ok(known.has(flag), `${command} tests "${flag}", which no node sets (not in ViewItemFlags)`);
  });

  it('every ViewItemFlags constant is set by some node', () => {
    const code = sources();
    for (const key of Object.keys(ViewItemFlags)) {
      assert.ok(new RegExp(`ViewItemFlags\\.${key}\\b`).test(code), `ViewItemFlags.${key} is set by no node: remove it or use it`);
    }
  });

  it('no node writes a flag as a bare string', () => {
    const bare = sources().match(/contextValue\s*=\s*['`][A-Za-z]/g) ?? [];
    assert.deepEqual(bare, [], 'contextValue built from string literals instead of ViewItemFlags');
  });
});
