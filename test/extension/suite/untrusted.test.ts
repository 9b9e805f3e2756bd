// Issue 13, items 4, 6 and 8 inside a real VS Code: API text stays text wherever it is shown, every
// view says when Cloudflare rate-limits and auto-refresh holds, and the extension's exports are private.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import { exportsFor } from '../../../src/extension';
import { AutoRefresh } from '../../../src/views/autoRefresh';
import type { CloudflareSimulator } from '../../simulator/server';
import { EXTENSION_ID, manualTimers, waitFor, withPrompts } from './helpers';
import { capturingErrors, children, freshProfiles, roots, signedInForProfiles } from './profilesHelpers';

// markdown-it (with @vscode/vsce) renders the tooltips as CommonMark + GFM with autolinks; no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (opts: object) => { render(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

/** A link as VS Code's notifications make one (base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const HOSTILE = '[Sign out](command:warpFleet.signOut) <img src=x onerror=alert(1)> https://evil.example/x';

function tooltipHtml(item: vscode.TreeItem): string {
  const tip = item.tooltip;
  assert.ok(tip instanceof vscode.MarkdownString, 'a Markdown tooltip');
  return md.render(tip.value);
}

describe('Untrusted text, rate limits and private exports', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  const signedIn = signedInForProfiles();
  before(() => ({ sim, api } = signedIn));
  beforeEach(() => freshProfiles(api, sim));

  it('gives other extensions no exports; only the tests (ExtensionMode.Test) get the API', () => {
    assert.strictEqual(exportsFor(vscode.ExtensionMode.Production, api), undefined);
    assert.strictEqual(exportsFor(vscode.ExtensionMode.Development, api), undefined);
    assert.strictEqual(exportsFor(vscode.ExtensionMode.Test, api), api);
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.exports, api, 'this run is in test mode');
  });

  it('shows a Cloudflare error message in the error node as text: no links, no HTML', async () => {
    sim.inject({ path: `/accounts/${sim.accountId}/devices/policies`, kind: 'status', status: 400, code: 1000, message: HOSTILE, times: 1 });
    await api.model.profiles.reload();
    const [error] = await roots(api);
    assert.match(error.label, /code 1000/);
    const html = tooltipHtml(error.item);
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map(m => m[1]);
    assert.ok(links.length === 2 && links.every(l => /^command:warpFleet\.(refresh|showLog)/.test(l)), `links: ${links.join(', ')}`);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /Sign out/, 'the message is still shown');
  });

  it('keeps names and descriptions with newlines, backticks and pipes inside their tooltip row', async () => {
    const profile = sim.state.customProfiles[0];
    profile.description = 'ok\n# Injected heading\n| injected | row |';
    sim.state.ipProfiles[0].name = 'ip\n| injected | row |';
    sim.state.ipProfiles[0].match = 'a`b | c';
    await api.model.profiles.reload();
    const rows = await roots(api);
    const profileHtml = tooltipHtml(rows.find(r => r.label === profile.name)!.hovered);
    assert.doesNotMatch(profileHtml, /<h1/);
    assert.doesNotMatch(profileHtml, /<td>injected<\/td>/);
    const ipGroup = rows.find(r => /^IP profiles/.test(r.label))!;
    const ip = (await children(api, ipGroup)).find(r => r.label.startsWith('ip'))!;
    const ipHtml = tooltipHtml(ip.hovered);
    assert.equal((ipHtml.match(/<tr>/g) ?? []).length, 10, ipHtml);
    assert.match(ipHtml, /<code>a`b \| c<\/code>/);
  });

  it('does not render $(icon) syntax from a profile name in a quick pick, nor make links of API text in a notification', async () => {
    // The first by precedence, so it can move down.
    const profile = [...sim.state.customProfiles].sort((x, y) => x.precedence! - y.precedence!)[0];
    profile.name = '$(warning) Urgent [Sign out](command:warpFleet.signOut)';
    await api.model.profiles.reload();
    let labels: string[] = [];
    await withPrompts([{ kind: 'quickPick', answer: items => ((labels = (items as { label: string }[]).map(i => i.label)), undefined) }], () =>
      vscode.commands.executeCommand('warpFleet.deleteProfile'),
    );
    assert.ok(labels.includes('\\$(warning) Urgent [Sign out](command:warpFleet.signOut)'), labels.join(' | '));
    assert.ok(labels.every(l => !/(^|[^\\])\$\(/.test(l)), labels.join(' | '));

    sim.inject({ method: 'PATCH', path: new RegExp('/devices/policy/'), kind: 'status', status: 403, code: 9109, message: HOSTILE, times: 1 });
    const node = (await roots(api)).find(r => r.label === profile.name)!;
    const errors = await capturingErrors(() => vscode.commands.executeCommand('warpFleet.moveProfileDown', node.node));
    assert.equal(errors.length, 1);
    assert.doesNotMatch(errors[0], NOTIFICATION_LINK, errors[0]);
    assert.match(errors[0].replace(/\u200b/g, ''), /\[Sign out\]\(command:warpFleet\.signOut\)/, 'the text itself is kept');
  });

  it('says in every view and the status bar while Cloudflare rate-limits, then clears', async () => {
    sim.inject({ path: `/accounts/${sim.accountId}/devices/policies`, kind: 'rateLimit', retryAfter: 4, times: 1 });
    const reload = api.model.profiles.reload();
    for (const view of [api.views.profiles, api.views.devices, api.views.connectors]) {
      await waitFor(() => /rate limit/i.test(view.message ?? ''), `${view.viewId} says it waits`);
    }
    assert.match(api.statusBar.waitingText ?? '', /rate limit: waiting \d+ s/);
    await reload;
    assert.equal(api.model.profiles.state.kind, 'loaded', 'the request went through after the wait');
    await waitFor(() => !/rate limit/i.test(api.views.profiles.message ?? ''), 'the message cleared', 5000);
  });

  it('holds auto-refresh while the budget holds requests back', async function () {
    this.timeout(40000);
    const visibility = new vscode.EventEmitter<unknown>();
    let held = 6000;
    const gauge = { delay: () => ({ ms: held, reason: 'retryAfter' as const }), used: 0 };
    let reloads = 0;
    const loadable = { state: { kind: 'loaded' as const }, reload: async () => void reloads++ };
    const config = vscode.workspace.getConfiguration();
    await config.update('warpFleet.autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global); // counts as 10 s
    const timers = manualTimers();
    const auto = new AutoRefresh({ visible: true, onDidChangeVisibility: visibility.event }, loadable as never, gauge, timers);
    try {
      assert.deepEqual(timers.pending, [10000]);
      timers.fire();
      assert.equal(reloads, 0, 'no reload while held');
      assert.deepEqual(timers.pending, [7000], 'the next try when requests may go (6 s), not a full interval later');
      held = 0;
      timers.fire();
      await waitFor(() => reloads > 0, 'a reload once requests may go');
    } finally {
      auto.dispose();
      visibility.dispose();
      await config.update('warpFleet.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('does not render $(icon) syntax from an account name in the status bar', async () => {
    await api.session.setAccount(sim.accountId, '$(bug) Evil Corp');
    try {
      await waitFor(() => api.statusBar.accountText.includes('Evil Corp'), 'the account item');
      assert.equal(api.statusBar.accountText, '$(cloud) \\$(bug) Evil Corp');
    } finally {
      // Leave the account as it was, and the views loaded again after the session change.
      await api.session.setAccount(sim.accountId, sim.accounts[0].name);
      await waitFor(() => api.statusBar.accountText.includes(sim.accounts[0].name), 'the account name back');
      await waitFor(() => api.model.profiles.state.kind !== 'loading', 'profiles settled');
    }
  });
});
