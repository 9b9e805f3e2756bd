// Runs only in the pseudo-locale run (runTest.ts --pseudo): VS Code in qps-ploc, the extension with
// pseudo-localised bundles ("Devices" → "Ḓḗḗṽīƈḗḗş"). Every word the extension puts on screen must come
// out pseudo-localised; a plain English word is a string the extractor cannot see (an alias, a string
// built at run time, English from src/api) or a manifest string that is not a %key%. Words that come
// from the API (device, profile and tunnel names) stay as Cloudflare wrote them and are allowed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/views/nodes';
import { EXTENSION_ID, signedInSimulator, waitFor } from '../suite/helpers';

const LOCALE = 'qps-ploc';

/**
 * Names no translation changes: operating systems (the Devices view's groups) and what the runtime's
 * date formatting writes (its locale is Node's, not VS Code's display language).
 */
const PROPER_NAMES = ['Windows', 'macOS', 'iOS', 'Android', 'Linux', 'ChromeOS', 'AM', 'PM', 'UTC', 'GMT'];

/** Every ASCII word in the simulator's data (text the API gives is shown as written), and PROPER_NAMES. */
function apiWords(state: unknown): Set<string> {
  const words = new Set<string>(PROPER_NAMES);
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const w of v.match(/[A-Za-z]+/g) ?? []) words.add(w);
    else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      (v instanceof Map ? [...v.values()] : Object.values(v)).forEach(walk);
    }
  };
  walk(state);
  return words;
}

/** The English words left in `text` once placeholders, icons, links and API words are set aside. */
function englishLeft(text: string, allowed: Set<string>): string[] {
  const stripped = text
    .replace(/\{\d+\}/g, ' ')
    .replace(/\$\([a-z0-9~-]+\)/g, ' ')
    .replace(/\b(?:https?|command):[^\s)\]]+/g, ' ');
  return (stripped.match(/[A-Za-z]+/g) ?? []).filter(w => !allowed.has(w));
}

function texts(item: vscode.TreeItem): string[] {
  const label = typeof item.label === 'string' ? item.label : item.label?.label;
  const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
  const description = typeof item.description === 'string' ? item.description : undefined;
  return [label, description, tooltip, item.accessibilityInformation?.label].filter((t): t is string => !!t);
}

describe('Pseudo-locale (qps-ploc): every string the extension shows is localisable', function () {
  this.timeout(120000);
  const env = signedInSimulator({ devices: 12, profiles: 2, tunnels: 2 });
  let allowed: Set<string>;
  let ext: vscode.Extension<unknown>;

  before(() => {
    ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    allowed = apiWords(env.sim.state);
  });

  it('runs VS Code in qps-ploc on the extension copy that holds the pseudo bundles', () => {
    // (this file's own vscode.l10n has no bundle: the tests are no part of the extension; the tests below read the extension's words)
    assert.equal(vscode.env.language, LOCALE);
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'l10n', `bundle.l10n.${LOCALE}.json`)));
    assert.ok(fs.existsSync(path.join(ext.extensionPath, `package.nls.${LOCALE}.json`)));
  });

  it('command titles, categories, view names and welcome text, as VS Code resolves the manifest, are pseudo-localised', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8'));
    const pseudo = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, `package.nls.${LOCALE}.json`), 'utf8')) as Record<string, string>;
    const resolved = ext.packageJSON.contributes;
    // VS Code resolves a %key% to { value, original } in some places and to the text in others
    const shownText = (v: string | { value: string }) => (typeof v === 'string' ? v : v.value);
    const pairs: [string, string | { value: string }][] = [];
    raw.contributes.commands.forEach((c: { title: string; category: string }, i: number) => pairs.push([c.title, resolved.commands[i].title], [c.category, resolved.commands[i].category]));
    raw.contributes.views.warpFleet.forEach((v: { name: string }, i: number) => pairs.push([v.name, resolved.views.warpFleet[i].name]));
    raw.contributes.viewsWelcome.forEach((w: { contents: string }, i: number) => pairs.push([w.contents, resolved.viewsWelcome[i].contents]));
    assert.ok(pairs.length > 40);
    for (const [placeholder, shown] of pairs) {
      const key = /^%(.+)%$/.exec(placeholder)?.[1];
      assert.ok(key, `not a %key% in package.json: ${placeholder}`);
      assert.equal(shownText(shown), pseudo[key], key);
      assert.deepEqual(englishLeft(shownText(shown), new Set()), [], `${key}: ${shownText(shown)}`);
    }
  });

  it('every tree item of the three views (labels, descriptions, tooltips, accessible labels) is pseudo-localised', async () => {
    const { api } = env;
    await Promise.all([api.model.devices.reload(), api.model.profiles.reload(), api.model.tunnels.reload()]);
    const providers = [api.views.devices, api.views.profiles, api.views.connectors] as unknown as vscode.TreeDataProvider<TreeNode>[];
    const problems: string[] = [];
    let seen = 0;
    const visit = async (p: vscode.TreeDataProvider<TreeNode>, node: TreeNode | undefined, depth: number): Promise<void> => {
      for (const child of (await p.getChildren(node)) ?? []) {
        const item = await p.getTreeItem(child);
        seen++;
        for (const t of texts(item)) {
          const left = englishLeft(t, allowed);
          if (left.length) problems.push(`${JSON.stringify(t.slice(0, 100))}: ${left.slice(0, 5).join(' ')}`);
        }
        if (depth < 2 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await visit(p, child, depth + 1);
      }
    };
    for (const p of providers) await visit(p, undefined, 0);
    assert.ok(seen > 20, `only ${seen} tree items`);
    assert.deepEqual(problems, []);
  });

  it('the list editor webview receives every string pseudo-localised (its title too)', async () => {
    const { api, sim } = env;
    const profile = sim.state.customProfiles[0];
    await vscode.commands.executeCommand('warpFleet.editSplitTunnel', { profile: structuredClone(profile), mode: 'exclude' });
    const panel = await waitFor(() => api.listEditors.all[0], 'a list editor');
    try {
      await panel.whenLoaded();
      const problems: string[] = [];
      const walk = (v: unknown, at: string): void => {
        if (typeof v === 'string') {
          const left = englishLeft(v, allowed);
          if (left.length) problems.push(`${at}: ${JSON.stringify(v.slice(0, 80))}`);
        } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
      };
      walk(panel.strings, 'strings');
      walk(panel.panel.title, 'title');
      assert.ok(Object.keys(panel.strings).length > 40);
      assert.deepEqual(problems, []);
    } finally {
      panel.panel.dispose();
    }
  });
});
