// Device, user and profile names come from the API: in the device commands' quick picks, progress
// titles, modals and notifications they must read as typed, never as an icon or a clickable link.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { resetDeviceView, signInTo } from './devicesHelpers';
import { extensionApi, resetExtensionState, startSimulator, withPrompts } from './helpers';

const HOSTILE = '$(alert) [click](command:workbench.action.quit)';
/** How a quick pick label or a status bar text shows `$(alert)` as text (untrustedText.escapeIcons). */
const SHOWN_AS_TEXT = '\\$(alert) [click](command:workbench.action.quit)';
/** A link as VS Code's notifications make one (base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** `$(name)` not preceded by a backslash: rendered as an icon in quick picks and the status bar. */
const ICON = /(^|[^\\])\$\(/;

type Item = vscode.QuickPickItem;
const itemTexts = (items: readonly unknown[]) => (items as Item[]).flatMap(i => [i.label, i.description ?? '', i.detail ?? '']);

/** A notification or modal text: no link made of it, and the name still there once the zero-width space is taken out. */
function assertNoLink(text: string, what: string): void {
  assert.doesNotMatch(text, NOTIFICATION_LINK, `${what}: ${text}`);
  assert.ok(text.replace(/\u200b/g, '').includes('[click](command:workbench.action.quit)'), `${what} keeps the name: ${text}`);
}

/** The titles of the progress shown during `fn` (a Window progress is a status bar text, which renders icons). */
async function progressTitles<T>(fn: () => Thenable<T>): Promise<{ location: unknown; title: string }[]> {
  const w = vscode.window as unknown as Record<string, unknown>;
  const saved = w.withProgress as typeof vscode.window.withProgress;
  const seen: { location: unknown; title: string }[] = [];
  w.withProgress = (o: vscode.ProgressOptions, task: never) => {
    seen.push({ location: o.location, title: o.title ?? '' });
    return saved.call(vscode.window, o, task);
  };
  try {
    await fn();
  } finally {
    w.withProgress = saved;
  }
  return seen;
}

/** Answers a modal with its button, keeping message and detail. */
/**
 * A revoke's texts with the hostile name: the name shown literally, no icon syntax rendered, and no link
 * in the modal message, its detail or the notification (`seen`: pick, modal, notification, in order).
 */
function assertRevokeShownAsText(texts: string[], seen: string[], modalTexts: string[]): void {
  assert.ok(texts.includes(SHOWN_AS_TEXT), texts.join(' | '));
  assert.ok(texts.every(t => !ICON.test(t)), texts.join(' | '));
  const prompts = seen.map(s => s.replace(/^\w+: /, ''));
  assertNoLink(prompts[1], 'the modal message');
  assertNoLink(modalTexts[0], 'the modal detail');
  assertNoLink(prompts[2], 'the notification');
}

function modal(texts: string[]) {
  return (rest: readonly unknown[]) => {
    texts.push((rest[0] as vscode.MessageOptions).detail ?? '');
    return rest[1];
  };
}

describe('Devices: untrusted names stay text in picks, progress, modals and notifications', function () {
  this.timeout(90000);
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
  });
  after(() => resetExtensionState(api));

  describe('legacy devices', () => {
    let sim: CloudflareSimulator;
    before(async () => {
      sim = await startSimulator({ devices: 20 });
      await api.model.forgetDeviceApi();
      await resetDeviceView(api);
      const d = sim.state.devices.find(x => !x.revoked_at && !x.deleted)!;
      d.name = HOSTILE;
      await signInTo(api, sim);
    });
    after(() => sim.close());

    it('Revoke Devices…: the pick shows $(alert) as text; the modal and the Revoked notification make no link of the name', async () => {
      let texts: string[] = [];
      const modalTexts: string[] = [];
      const { seen } = await withPrompts(
        [
          {
            kind: 'quickPick',
            answer: items => {
              texts = itemTexts(items);
              return (items as Item[]).filter(i => i.label.includes('[click]'));
            },
          },
          { kind: 'warning', answer: modal(modalTexts) },
          { kind: 'info', match: /^Revoked /, answer: undefined },
        ],
        () => vscode.commands.executeCommand('warpFleet.revokeDevices'),
      );
      assertRevokeShownAsText(texts, seen, modalTexts);
    });

    it('Override Codes…: the device pick and the progress show the name as text, the codes pick title as typed', async () => {
      const d = sim.state.devices.find(x => x.name === HOSTILE)!;
      d.revoked_at = undefined;
      await api.model.devices.reload();
      let pickTexts: string[] = [];
      let codeTexts: string[] = [];
      const titles: string[] = [];
      const progress = await progressTitles(() =>
        withPrompts(
          [
            { kind: 'quickPick', answer: items => ((pickTexts = itemTexts(items)), (items as Item[]).find(i => i.label.includes('[click]'))) },
            { kind: 'quickPick', answer: items => ((codeTexts = itemTexts(items)), items[0]) },
          ],
          () => vscode.commands.executeCommand('warpFleet.showOverrideCodes'),
        ).then(r => titles.push(...r.seen)),
      );
      assert.ok(pickTexts.includes(SHOWN_AS_TEXT), pickTexts.join(' | '));
      assert.ok(codeTexts.length && codeTexts.every(t => !ICON.test(t)), codeTexts.join(' | '));
      // A quick pick title is set as textContent (quickInput.ts): no icons, so no escaping either.
      assert.ok(titles.includes(`quickPick: Override codes for ${HOSTILE}`), titles.join('\n'));
      const window = progress.filter(p => p.location === vscode.ProgressLocation.Window);
      assert.ok(window.length && window.every(p => !ICON.test(p.title)), JSON.stringify(progress));
    });
  });

  describe('multi-user registrations', () => {
    let sim: CloudflareSimulator;
    let device: CloudflareSimulator['multi']['devices'][number];
    before(async () => {
      sim = await startSimulator({ devices: 20, multiUser: true });
      await api.model.forgetDeviceApi();
      await resetDeviceView(api);
      device = sim.multi.devices.find(d => !d.deleted_at && d.registrations.some(r => !r.revoked_at && !r.deleted_at))!;
      device.name = HOSTILE;
      for (const r of device.registrations) if (r.policy) r.policy.name = HOSTILE;
      await signInTo(api, sim);
    });
    after(async () => {
      // Other suites reuse this account id on the legacy API.
      await api.model.forgetDeviceApi();
      await sim.close();
    });

    it('Revoke Registrations…: the pick, the progress, the modal and the notification show the device name as text', async () => {
      let texts: string[] = [];
      const modalTexts: string[] = [];
      let seen: string[] = [];
      const progress = await progressTitles(() =>
        withPrompts(
          [
            {
              kind: 'quickPick',
              answer: items => {
                texts = itemTexts(items);
                return [(items as Item[]).find(i => i.description?.includes('[click]'))!];
              },
            },
            { kind: 'warning', answer: modal(modalTexts) },
            { kind: 'info', match: /^Revoked /, answer: undefined },
          ],
          () => vscode.commands.executeCommand('warpFleet.revokeRegistrations'),
        ).then(r => (seen = r.seen)),
      );
      assertRevokeShownAsText(texts, seen, modalTexts);
      for (const p of progress) assert.doesNotMatch(p.title, NOTIFICATION_LINK, p.title);
    });

    it('Override Codes… of a registration: the pick and the progress show the name as text', async () => {
      for (const r of device.registrations) r.revoked_at = null;
      await api.model.devices.reload();
      let pickTexts: string[] = [];
      const progress = await progressTitles(() =>
        withPrompts(
          [
            { kind: 'quickPick', answer: items => ((pickTexts = itemTexts(items)), (items as Item[]).find(i => i.description?.includes('[click]'))) },
            { kind: 'quickPick', match: /^Override codes for /, answer: undefined },
          ],
          () => vscode.commands.executeCommand('warpFleet.showOverrideCodes').then(undefined, () => undefined),
        ),
      );
      assert.ok(pickTexts.includes(SHOWN_AS_TEXT), pickTexts.join(' | '));
      assert.ok(pickTexts.every(t => !ICON.test(t)), pickTexts.join(' | '));
      const window = progress.filter(p => p.location === vscode.ProgressLocation.Window);
      assert.ok(window.length && window.every(p => !ICON.test(p.title)), JSON.stringify(progress));
    });
  });
});
