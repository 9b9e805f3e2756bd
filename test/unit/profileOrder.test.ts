import { strict as assert } from 'assert';
import type { SettingsPolicy } from '../../src/api/types';
import { emailMatch, groupMatch, isEmail, osMatch, quoteWirefilter } from '../../src/model/profileMatch';
import { parseMatch } from '../../src/model/matchExpression';
import { neighbour, orderProfiles, rollbackPlan, splitTunnelMode, swapPlan } from '../../src/model/profileOrder';

const p = (id: string, precedence: number): SettingsPolicy => ({ policy_id: id, name: id.toUpperCase(), precedence, match: 'x' });
const dflt: SettingsPolicy = { policy_id: 'd', default: true };
const profiles = [p('c', 30), dflt, p('a', 10), p('b', 20)];

/** Applies steps to a precedence map, failing if two profiles ever share a precedence. */
function apply(start: Map<string, number>, steps: { policyId: string; to: number }[]): Map<string, number> {
  const m = new Map(start);
  for (const s of steps) {
    m.set(s.policyId, s.to);
    const values = [...m.values()];
    assert.equal(new Set(values).size, values.length, `duplicate precedence after ${s.policyId} → ${s.to}`);
  }
  return m;
}

describe('profile order', () => {
  it('orders custom profiles by precedence and the default last', () => {
    assert.deepEqual(orderProfiles(profiles).map(x => x.policy_id), ['a', 'b', 'c', 'd']);
  });

  it('finds the neighbour among custom profiles only', () => {
    assert.equal(neighbour(profiles, 'b', 'up')?.policy_id, 'a');
    assert.equal(neighbour(profiles, 'b', 'down')?.policy_id, 'c');
    assert.equal(neighbour(profiles, 'a', 'up'), undefined);
    assert.equal(neighbour(profiles, 'c', 'down'), undefined, 'the default is never a neighbour');
  });

  it('swaps two precedences through a free value, never making two equal', () => {
    const steps = swapPlan(profiles, p('b', 20), p('a', 10));
    assert.equal(steps.length, 3);
    assert.equal(steps[0].to, 31, 'the temporary value is above every precedence');
    const start = new Map([['a', 10], ['b', 20], ['c', 30]]);
    const end = apply(start, steps);
    assert.deepEqual([...end.entries()].sort(), [['a', 20], ['b', 10], ['c', 30]]);
  });

  it('rolls back the steps that ran, latest first, through valid states', () => {
    const steps = swapPlan(profiles, p('b', 20), p('a', 10));
    const start = new Map([['a', 10], ['b', 20], ['c', 30]]);
    for (let ran = 1; ran <= 3; ran++) {
      const mid = apply(start, steps.slice(0, ran));
      const back = apply(mid, rollbackPlan(steps.slice(0, ran)));
      assert.deepEqual([...back.entries()].sort(), [...start.entries()].sort(), `after ${ran} steps`);
    }
  });

  it('refuses to plan a swap with the default profile', () => {
    assert.throws(() => swapPlan(profiles, dflt, p('a', 10)));
  });

  it('reads the Split Tunnel mode from the lists the API returns', () => {
    assert.equal(splitTunnelMode({ exclude: [{ address: '10.0.0.0/8' }], include: [] }), 'exclude');
    assert.equal(splitTunnelMode({ exclude: [], include: [{ host: 'a.com' }] }), 'include');
    assert.equal(splitTunnelMode({ include: [] }), 'include', 'include list only');
    assert.equal(splitTunnelMode({}), 'exclude');
  });

  it('reads the mode when the inactive list is absent, null or empty (a profile uses include OR exclude)', () => {
    const n = null as unknown as undefined; // the real API sends null for the list not in use (api-notes)
    assert.equal(splitTunnelMode({ include: [], exclude: n }), 'include', 'empty include, null exclude');
    assert.equal(splitTunnelMode({ include: n, exclude: [] }), 'exclude', 'null include, empty exclude');
    assert.equal(splitTunnelMode({ include: [{ address: '10.0.0.0/8' }], exclude: n }), 'include');
    assert.equal(splitTunnelMode({ include: n, exclude: [{ address: '10.0.0.0/8' }] }), 'exclude');
    assert.equal(splitTunnelMode({ exclude: [] }), 'exclude', 'exclude list only');
    assert.equal(splitTunnelMode({ include: n, exclude: n }), 'exclude', 'neither: Cloudflare default');
    assert.equal(splitTunnelMode({ include: [], exclude: [] }), 'exclude', 'both empty: Cloudflare default');
  });
});

describe('match expressions', () => {
  it('builds the common selectors', () => {
    assert.equal(emailMatch(' j.doe@acme.com '), 'identity.email == "j.doe@acme.com"');
    assert.equal(groupMatch('Eng'), 'any(identity.groups.name[*] in {"Eng"})');
    assert.equal(osMatch('windows'), 'os.name == "windows"');
  });

  it('escapes quotes and backslashes in values', () => {
    assert.equal(quoteWirefilter('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(parseMatch(groupMatch('We "love" Eng')).ok, true);
  });

  it('recognises email addresses', () => {
    assert.ok(isEmail('a@b.co'));
    assert.ok(!isEmail('a@b'));
    assert.ok(!isEmail('a "x"@b.co'));
  });
});
