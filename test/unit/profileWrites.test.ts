// Profile writes whose answer was lost: the request reached Cloudflare and was applied, then the
// connection dropped. The client side of that fault is played here by a fetch that sends the request
// for real and then throws as a reset socket does (the simulator's "apply, then drop" fault does the
// same from the server side).
import { strict as assert } from 'assert';
import nodeFetch from 'node-fetch';
import { CloudflareClient, type FetchLike } from '../../src/api/client';
import { listProfiles } from '../../src/api/profiles';
import type { SettingsPolicy } from '../../src/api/types';
import { swapPlan } from '../../src/model/profileOrder';
import { createProfileChecked, deleteProfileChecked, isOutcomeUnknown, restorePlan, runReorder } from '../../src/model/profileWrites';
import { CloudflareSimulator } from '../simulator/server';

interface Drop {
  method: string;
  path: RegExp;
  /** Which matching requests (0-based) are applied and then lose their answer. */
  nth: number[];
  /** Refuse instead (a certain failure: 500 before anything is applied) for these. */
  refuse?: number[];
  /** Fail to connect for these: nothing reaches Cloudflare, but the client cannot know that. */
  unsent?: number[];
}

describe('profile writes whose answer was lost', function () {
  this.timeout(20000);
  let sim: CloudflareSimulator;
  let drops: Drop[] = [];
  const seen = new Map<Drop, number>();

  const fetch: FetchLike = async (url, init) => {
    const drop = drops.find(d => d.method === init.method && d.path.test(new URL(url).pathname));
    const i = drop ? (seen.get(drop) ?? 0) : -1;
    if (drop) seen.set(drop, i + 1);
    if (drop?.unsent?.includes(i)) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    if (drop?.refuse?.includes(i)) {
      return { status: 500, headers: { get: (h: string) => (h.toLowerCase() === 'content-type' ? 'application/json' : null) }, text: async () => JSON.stringify({ success: false, errors: [{ code: 10001, message: 'Internal server error' }], messages: [], result: null }) };
    }
    const res = await (nodeFetch as unknown as FetchLike)(url, init);
    if (drop?.nth.includes(i)) {
      await res.text();
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    return res;
  };
  const client = () => new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), fetch, maxRetries: 0, sleep: async () => undefined });
  const byPrecedence = () => [...sim.state.customProfiles].sort((a, b) => a.precedence! - b.precedence!);
  const order = () => byPrecedence().map(p => p.name);

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 5, profiles: 4, seed: 11 });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.reset();
    drops = [];
    seen.clear();
  });

  it('counts a network error or timeout on a write as unknown, a GET or an HTTP answer as known', async () => {
    drops = [{ method: 'PATCH', path: /policy\/[^/]+$/, nth: [0] }];
    const p = byPrecedence()[0];
    const err = await client().request('PATCH', `/accounts/${sim.accountId}/devices/policy/${p.policy_id}`, { body: { description: 'x' } }).then(() => undefined, e => e);
    assert.ok(isOutcomeUnknown(err), String(err));
    drops = [{ method: 'GET', path: /policies$/, nth: [0] }];
    assert.ok(!isOutcomeUnknown(await listProfiles(client(), sim.accountId).then(() => undefined, (e: unknown) => e)));
  });

  it('a move whose last PATCH was applied but lost its answer is reported as moved, not as "unchanged"', async () => {
    const [a, b] = byPrecedence();
    const before = order();
    drops = [{ method: 'PATCH', path: /policy\/[^/]+$/, nth: [2] }];
    const report = await runReorder(client(), sim.accountId, swapPlan(sim.state.customProfiles, a, b));
    assert.equal(report.kind, 'moved');
    assert.ok(report.kind === 'moved' && report.answerLost);
    assert.deepEqual(order(), [before[1], before[0], ...before.slice(2)]);
  });

  it('a move whose middle PATCH was applied but lost its answer is undone from what Cloudflare holds, and says so', async () => {
    const [a, b] = byPrecedence();
    const original = byPrecedence().map(p => [p.policy_id, p.precedence]);
    drops = [{ method: 'PATCH', path: /policy\/[^/]+$/, nth: [1] }];
    const report = await runReorder(client(), sim.accountId, swapPlan(sim.state.customProfiles, a, b));
    assert.equal(report.kind, 'unchanged', JSON.stringify(report));
    assert.deepEqual(byPrecedence().map(p => [p.policy_id, p.precedence]), original, 'every precedence is back where it was');
  });

  it('a failed undo is read back, never reported as "order unchanged" on a guess', async () => {
    const [a, b] = byPrecedence();
    // The 2nd PATCH is refused (certain), the undo's PATCH is applied but loses its answer.
    drops = [{ method: 'PATCH', path: /policy\/[^/]+$/, nth: [2], refuse: [1] }];
    const report = await runReorder(client(), sim.accountId, swapPlan(sim.state.customProfiles, a, b));
    assert.equal(report.kind, 'unchanged', JSON.stringify(report));
    assert.ok(report.kind === 'unchanged' && report.profiles, 'read back');
    assert.equal(sim.state.customProfiles.find(p => p.policy_id === a.policy_id)!.precedence, a.precedence);
  });

  it('plans an undo from any state of a swap without two profiles ever sharing a precedence', () => {
    const p = (id: string, precedence: number): SettingsPolicy => ({ policy_id: id, name: id, precedence });
    const original = new Map([['a', 10], ['b', 20]]);
    for (const [xa, xb] of [[31, 20], [31, 10], [20, 10], [10, 20]]) {
      const all = [p('a', xa), p('b', xb), p('c', 30)];
      const steps = restorePlan(all, original, new Map())!;
      const cur = new Map(all.map(x => [x.policy_id!, x.precedence!]));
      for (const s of steps) {
        cur.set(s.policyId, s.to);
        assert.equal(new Set(cur.values()).size, cur.size, `duplicate after ${JSON.stringify(s)} from ${xa},${xb}`);
      }
      assert.deepEqual([cur.get('a'), cur.get('b')], [10, 20]);
    }
  });

  it('a delete whose answer was lost is read back: deleted', async () => {
    const victim = byPrecedence()[1];
    drops = [{ method: 'DELETE', path: /policy\/[^/]+$/, nth: [0] }];
    const report = await deleteProfileChecked(client(), sim.accountId, victim.policy_id!);
    assert.equal(report.kind, 'deleted');
    assert.ok(report.kind === 'deleted' && report.answerLost);
    assert.ok(!sim.state.customProfiles.some(p => p.policy_id === victim.policy_id));
  });

  it('a retried delete that answers 404 is read back, not reported as "not found"', async () => {
    const victim = byPrecedence()[1];
    const c = client();
    await deleteProfileChecked(c, sim.accountId, victim.policy_id!);
    const again = await deleteProfileChecked(c, sim.accountId, victim.policy_id!);
    assert.equal(again.kind, 'deleted');
  });

  it('a create whose answer was lost finds the profile it made; one that was not made says so', async () => {
    const before = structuredClone(sim.state.customProfiles) as SettingsPolicy[];
    drops = [{ method: 'POST', path: /policy$/, nth: [0] }];
    const body = { name: 'Lost answer', match: 'identity.email == "a@b.c"', precedence: 777 };
    const report = await createProfileChecked(client(), sim.accountId, body, before);
    assert.equal(report.kind, 'created');
    assert.ok(report.kind === 'created' && report.answerLost && report.profile.policy_id);
    assert.equal(sim.state.customProfiles.filter(p => p.name === 'Lost answer').length, 1, 'created once, not twice');

    drops = [{ method: 'POST', path: /policy$/, nth: [], unsent: [0] }];
    const lost = await createProfileChecked(client(), sim.accountId, { ...body, name: 'Never sent', precedence: 778 }, before);
    assert.equal(lost.kind, 'notCreated');
    assert.ok(!sim.state.customProfiles.some(p => p.name === 'Never sent'));
  });
});
