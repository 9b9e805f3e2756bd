// Sweep Stale Devices… in a real extension host against the simulator: the preview (grouped, never
// seen apart and unticked), untick one, export before any change, the modal naming the count, nothing
// sent before it, chunked revoke with a lost answer and a refusal, Undo; delete/revoke on multi-user.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { FleetDevice } from '../../../src/model/fleetDevice';
import type { StaleCandidate } from '../../../src/model/staleDevices';
import { parseCsvRecords } from '../../../src/webviews/listEditor/listFormats';
import { captureErrors, resetDeviceView, revokeRequests, signInTo } from './devicesHelpers';
import { signedInMultiUser, tempFile, withSaveDialog, writeRequests } from './exportHelpers';
import { signedInSimulator, waitFor, withPrompts } from './helpers';

const DAY = 86_400_000;
type Entry = { label: string; kind?: vscode.QuickPickItemKind; picked?: boolean; candidate?: StaleCandidate; days?: number; step?: string };
const candidates = (items: readonly unknown[]) => (items as Entry[]).filter(i => i.candidate);
const separators = (items: readonly unknown[]) => (items as Entry[]).filter(i => i.kind === vscode.QuickPickItemKind.Separator).map(i => i.label);
const days = (n: number) => ({ kind: 'quickPick' as const, match: /^Sweep devices not seen for…$/, answer: (items: readonly unknown[]) => (items as Entry[]).find(i => i.days === n) });
const step = (s: string, match?: RegExp) => ({ kind: 'quickPick' as const, match, answer: (items: readonly unknown[]) => (items as Entry[]).find(i => i.step === s) });

describe('Sweep stale devices (legacy API)', function () {
  this.timeout(120000);
  const h = signedInSimulator({ devices: 1200, seed: 21 });

  beforeEach(async () => {
    h.sim.reset();
    // One active device that never connected: listed apart, never ticked by default.
    delete (h.sim.state.devices.find(d => !d.revoked_at && !d.deleted && d.device_type === 'linux') as { last_seen?: string }).last_seen;
    await resetDeviceView(h.api);
    await signInTo(h.api, h.sim);
    h.sim.clearRequests();
  });

  /** Active devices unseen for `n` days, computed here from the model independently of the product's selection. */
  const expectedStale = (n: number) =>
    h.api.model.devices.data!.filter(d => !d.deleted && !d.revoked_at && d.last_seen && Date.parse(d.last_seen) < Date.now() - n * DAY).map(d => d.id);
  const simDevice = (id: string) => h.sim.state.devices.find(d => d.id === id)!;

  it('previews by OS with counts, keeps never-seen apart and unticked, exports before any change, and sends nothing when the modal is cancelled', async () => {
    const expected = expectedStale(90);
    let preview: readonly unknown[] = [];
    let writesAtExport = -1;
    const file = tempFile('preview.csv');
    const { result } = await withSaveDialog(file, () =>
      withPrompts(
        [
          days(90),
          { kind: 'quickPick', match: new RegExp(`^Not seen for 90 days: ${expected.length} devices · oldest seen `), answer: items => ((preview = items), candidates(items).filter(i => i.picked)) },
          step('export', new RegExp(`^Stale-device sweep: ${expected.length} ticked$`)),
          { kind: 'info', match: /^Exported the preview \(\d+ rows\) to /, answer: () => ((writesAtExport = writeRequests(h.sim).length), undefined) },
          step('go'),
          { kind: 'warning', match: new RegExp(`^Revoke ${expected.length} devices\\?$`), answer: undefined },
        ],
        () => vscode.commands.executeCommand('warpFleet.sweepStaleDevices'),
      ),
    );
    assert.ok(result.seen.length >= 6);
    const offered = candidates(preview);
    assert.deepEqual(new Set(offered.filter(i => i.picked).map(i => i.candidate!.id)), new Set(expected), 'every stale device ticked');
    const never = offered.filter(i => !i.candidate!.lastSeen);
    assert.equal(never.length, 1);
    assert.equal(never[0].picked, false, 'the never-seen device is not ticked');
    const seps = separators(preview);
    assert.match(seps[seps.length - 1], /^Never seen · 1 · /);
    assert.ok(seps.slice(0, -1).every(s => / · \d+ · oldest seen .+ ago$/.test(s)), seps.join('\n'));
    // Written before anything changed, and it lists every candidate with its tick.
    assert.equal(writesAtExport, 0);
    const rows = parseCsvRecords(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(rows[0].slice(0, 3), ['selected', 'kind', 'id']);
    assert.equal(rows.length - 1, expected.length + 1);
    assert.equal(rows.filter(r => r[0] === 'true').length, expected.length);
    // Cancelled at the modal: no write request reached the simulator.
    assert.deepEqual(writeRequests(h.sim), []);
    assert.ok(expected.every(id => !simDevice(id).revoked_at));
  });

  it('revokes what stays ticked (not the unticked one) in chunks; a lost answer is read back, a refused chunk is named', async () => {
    const expected = expectedStale(30);
    assert.ok(expected.length > 200, `more than one chunk (${expected.length})`);
    const A = `/accounts/${h.sim.accountId}/devices`;
    h.sim.inject({ method: 'POST', path: `${A}/revoke`, kind: 'applyThenDrop', times: 1 });
    h.sim.inject({ method: 'POST', path: `${A}/revoke`, kind: 'status', status: 403, code: 10000, times: 1 });
    let kept: StaleCandidate | undefined;
    let ticked: StaleCandidate[] = [];
    const { result, errors } = await captureErrors(() =>
      withPrompts(
        [
          days(30),
          {
            kind: 'quickPick',
            answer: items => {
              const picked = candidates(items).filter(i => i.picked);
              kept = picked[5].candidate;
              ticked = picked.filter(i => i !== picked[5]).map(i => i.candidate!);
              return picked.filter(i => i !== picked[5]);
            },
          },
          step('go'),
          { kind: 'warning', match: new RegExp(`^Revoke ${expected.length - 1} devices\\?$`), answer: rest => rest[1] },
          { kind: 'warning', match: /^200 of \d+ devices revoked\. .* did not change: .*\(403\).*code 10000/, answer: undefined },
        ],
        () => vscode.commands.executeCommand('warpFleet.sweepStaleDevices'),
      ),
    );
    assert.deepEqual(errors, []);
    assert.ok(result.seen.length);
    const posts = revokeRequests(h.sim);
    assert.deepEqual(posts.map(p => (p.body as string[]).length), [200, ticked.length - 200], 'not resent');
    const [lost, refused] = posts.map(p => p.body as string[]);
    assert.deepEqual(new Set([...lost, ...refused]), new Set(ticked.map(c => c.id)));
    assert.ok(!posts.some(p => (p.body as string[]).includes(kept!.id)), 'the unticked device is not sent');
    assert.ok(h.sim.requests.some(r => r.method === 'GET' && r.path === A), 'the lost chunk was read back');
    const model = new Map(h.api.model.devices.data!.map(d => [d.id, d]));
    for (const id of lost) assert.ok(simDevice(id).revoked_at && model.get(id)!.revoked_at, `${id} revoked`);
    for (const id of refused) assert.ok(!simDevice(id).revoked_at && !model.get(id)!.revoked_at, `${id} refused`);
    assert.ok(!simDevice(kept!.id).revoked_at);
  });

  it('a custom number of days through the input box; Undo unrevokes exactly what the sweep revoked', async () => {
    const expected = expectedStale(365);
    assert.ok(expected.length > 0);
    await withPrompts(
      [
        { kind: 'quickPick', answer: items => (items as Entry[]).find(i => !i.days) },
        { kind: 'input', match: /Number of days \(1 to 3650\)/, answer: '365' },
        { kind: 'quickPick', match: /^Not seen for 365 days: /, answer: items => candidates(items).filter(i => i.picked) },
        step('go'),
        { kind: 'warning', answer: rest => rest[1] },
        { kind: 'info', match: new RegExp(`^Revoked (${expected.length} devices|.+)$`), answer: 'Undo' },
      ],
      () => vscode.commands.executeCommand('warpFleet.sweepStaleDevices'),
    );
    assert.deepEqual(revokeRequests(h.sim).flatMap(p => p.body as string[]).sort(), [...expected].sort());
    await waitFor(() => revokeRequests(h.sim, 'unrevoke').length === 1, 'the unrevoke request');
    assert.deepEqual((revokeRequests(h.sim, 'unrevoke')[0].body as string[]).sort(), [...expected].sort());
    await waitFor(() => expected.every(id => !simDevice(id).revoked_at), 'undone on Cloudflare');
  });
});

describe('Sweep stale devices (multi-user account: registrations)', function () {
  this.timeout(120000);
  const h = signedInMultiUser({ devices: 200, seed: 11 });
  beforeEach(async () => {
    h.sim.reset();
    await h.api.model.devices.reload();
    h.sim.clearRequests();
  });
  const A = () => `/accounts/${h.sim.accountId}/devices/registrations`;
  const staleRegs = (n: number, includeRevoked: boolean) =>
    h.api.model.devices.data!.flatMap((d: FleetDevice) =>
      (d.deleted ? [] : d.registrations ?? []).filter(r => !r.deletedAt && (includeRevoked || !r.revokedAt) && r.lastSeen && Date.parse(r.lastSeen) < Date.now() - n * DAY).map(r => r.id),
    );

  it('deletes the ticked stale registrations after the delete modal; the unticked one stays', async () => {
    const expected = staleRegs(60, true);
    assert.ok(expected.length > 3, `stale registrations (${expected.length})`);
    let kept = '';
    await withPrompts(
      [
        days(60),
        { kind: 'quickPick', match: /^What should the sweep do\?$/, answer: items => (items as { action: string }[]).find(i => i.action === 'delete') },
        { kind: 'quickPick', match: /^Not seen for 60 days: \d+ registrations on \d+ devices/, answer: items => {
          const picked = candidates(items).filter(i => i.picked);
          kept = picked[0].candidate!.id;
          return picked.slice(1);
        } },
        step('go'),
        { kind: 'warning', match: new RegExp(`^Delete ${expected.length - 1} registrations\\?$`), answer: 'Delete' },
        { kind: 'info', match: new RegExp(`^Deleted ${expected.length - 1} registrations$`), answer: undefined },
      ],
      () => vscode.commands.executeCommand('warpFleet.sweepStaleDevices'),
    );
    const deletes = h.sim.requests.filter(r => r.method === 'DELETE' && r.path === A());
    const sent = deletes.flatMap(r => [r.query.id].flat() as string[]);
    assert.deepEqual(new Set(sent), new Set(expected.filter(id => id !== kept)));
    for (const id of sent) assert.ok(h.sim.multi.registrationById.get(id)!.deleted_at, `${id} deleted`);
    assert.equal(h.sim.multi.registrationById.get(kept)!.deleted_at, null);
  });

  it('revoke with a lost answer: read back, reported as revoked, not resent; cancel sends nothing', async () => {
    const expected = staleRegs(90, false);
    await withPrompts(
      [days(90), { kind: 'quickPick', answer: items => (items as { action: string }[]).find(i => i.action === 'revoke') }, { kind: 'quickPick', answer: items => candidates(items).filter(i => i.picked) }, step('go'), { kind: 'warning', match: /^Revoke \d+ registrations\?$/, answer: undefined }],
      () => vscode.commands.executeCommand('warpFleet.sweepStaleDevices'),
    );
    assert.deepEqual(writeRequests(h.sim), [], 'nothing sent before the modal');
    h.sim.inject({ method: 'POST', path: `${A()}/revoke`, kind: 'applyThenDrop', times: 1 });
    const { result, errors } = await captureErrors(() =>
      withPrompts(
        [
          days(90),
          { kind: 'quickPick', answer: items => (items as { action: string }[]).find(i => i.action === 'revoke') },
          { kind: 'quickPick', answer: items => candidates(items).filter(i => i.picked) },
          step('go'),
          { kind: 'warning', match: new RegExp(`^Revoke ${expected.length} registrations\\?$`), answer: 'Revoke' },
          { kind: 'info', match: new RegExp(`^Revoked ${expected.length} registrations$`), answer: undefined },
        ],
        () => vscode.commands.executeCommand('warpFleet.sweepStaleDevices'),
      ),
    );
    assert.deepEqual(errors, []);
    assert.ok(!result.seen.some(s => /did not change|unknown/.test(s)), result.seen.join('\n'));
    const sent = h.sim.requests.filter(r => r.method === 'POST' && r.path === `${A()}/revoke`).flatMap(r => [r.query.id].flat() as string[]);
    assert.equal(sent.length, new Set(sent).size, 'no id sent twice');
    assert.deepEqual(new Set(sent), new Set(expected));
    assert.ok(h.sim.requests.some(r => r.method === 'GET' && r.path === A() && r.query.id !== undefined), 'read back by id');
    for (const id of expected) assert.ok(h.sim.multi.registrationById.get(id)!.revoked_at, `${id} revoked`);
  });
});
