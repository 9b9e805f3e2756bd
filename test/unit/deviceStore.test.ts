// The compact device model (#17 item 4): repeated values are shared, and nothing the API sent is lost.
import { strict as assert } from 'assert';
import { CloudflareClient } from '../../src/api/client';
import { listDevices } from '../../src/api/devices';
import { listPhysicalDevices } from '../../src/api/physicalDevices';
import { listRegistrations } from '../../src/api/registrations';
import type { Device } from '../../src/api/types';
import { Interner } from '../../src/model/deviceStore';
import { fromLegacy, fromLegacyAll, joinPhysical, withRegistrationChange, type FleetRegistration, type RegistrationInput } from '../../src/model/fleetDevice';
import { CloudflareSimulator } from '../simulator/server';

/** The legacy fields as the API sent them: the model minus what it adds beside them. */
function apiFields(d: object): object {
  const { api: _a, status: _s, ...rest } = d as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as object;
}

/** Every field of a registration as the API sent it, read back from the model (registrations.d.ts). */
function registrationBack(r: FleetRegistration): RegistrationInput {
  return {
    id: r.id,
    device: { id: r.deviceId, name: r.deviceName, client_version: r.clientVersion },
    created_at: r.created,
    updated_at: r.updated,
    last_seen_at: r.lastSeen ?? null,
    deleted_at: r.deletedAt ?? null,
    revoked_at: r.revokedAt ?? null,
    key: r.key,
    key_type: r.keyType ?? null,
    tunnel_type: r.tunnelType ?? null,
    registration_type: r.registrationType,
    policy: r.policy ? { ...r.policy } : null,
    user: r.user ? { ...r.user } : null,
    virtual_ipv4: r.virtualIpv4 ?? null,
    virtual_ipv6: r.virtualIpv6 ?? null,
  };
}

/** The API's registration with nulls and absent fields made alike, and only the fields the model reads. */
function normalised(r: RegistrationInput): unknown {
  const keep = (v: unknown) => (v === undefined ? null : v);
  return JSON.parse(
    JSON.stringify({
      id: r.id,
      device: { id: r.device.id, name: r.device.name, client_version: r.device.client_version },
      created_at: r.created_at,
      updated_at: r.updated_at,
      last_seen_at: keep(r.last_seen_at),
      deleted_at: keep(r.deleted_at),
      revoked_at: keep(r.revoked_at),
      key: r.key,
      key_type: keep(r.key_type),
      tunnel_type: keep(r.tunnel_type),
      registration_type: r.registration_type,
      policy: r.policy ? { id: r.policy.id, name: r.policy.name, default: r.policy.default, deleted: r.policy.deleted } : null,
      user: r.user ? Object.fromEntries(Object.entries(r.user).filter(([, v]) => v !== null && v !== undefined)) : null,
      virtual_ipv4: keep(r.virtual_ipv4),
      virtual_ipv6: keep(r.virtual_ipv6),
    }),
  );
}

describe('compact device model (shared values, nothing lost)', () => {
  let sim: CloudflareSimulator;
  let multi: CloudflareSimulator;
  const client = (s: CloudflareSimulator) => new CloudflareClient({ baseUrl: s.baseUrl, credentials: () => ({ kind: 'token', token: s.token }) });

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 600, seed: 7 });
    multi = await CloudflareSimulator.start({ devices: 400, seed: 7, multiUser: true });
  });
  after(async () => {
    await sim?.close();
    await multi?.close();
  });

  it('a legacy listing: every field of every device round-trips, and a user on several devices is one object', async () => {
    const raw = await listDevices(client(sim), sim.accountId, { perPage: 100 });
    const sent = JSON.parse(JSON.stringify(raw)) as Device[];
    const model = fromLegacyAll(raw);
    assert.equal(model.length, sent.length);
    model.forEach((d, i) => assert.deepStrictEqual(apiFields(d), sent[i], `device ${sent[i].id}`));
    const byUser = new Map<string, Set<unknown>>();
    for (const d of model) if (d.user?.id) byUser.set(d.user.id, (byUser.get(d.user.id) ?? new Set()).add(d.user));
    const shared = [...byUser.values()].filter(s => s.size === 1);
    assert.ok(model.filter(d => d.user?.id).length > byUser.size, 'the fixture has users with several devices');
    assert.equal(shared.length, byUser.size, 'one user object per user id');
  });

  it('keeps fields the model does not know, absent fields absent, and two spellings of one user id apart', () => {
    const pool = new Interner();
    const a = fromLegacy({ id: 'a', version: '2025.1', user: { id: 'u1', email: 'x@a.example' }, future_field: { n: 1 } } as Device, pool);
    const b = fromLegacy({ id: 'b', version: '2025.1', user: { id: 'u1', email: 'y@a.example', name: 'Y' } }, pool);
    const c = fromLegacy({ id: 'c', user: { id: 'u1', email: 'x@a.example' } }, pool);
    assert.deepStrictEqual(apiFields(a), { id: 'a', version: '2025.1', user: { id: 'u1', email: 'x@a.example' }, future_field: { n: 1 } });
    assert.equal('name' in a.user!, false, 'a field the API did not send is not added');
    assert.equal(b.user!.email, 'y@a.example');
    assert.equal(b.user!.name, 'Y');
    assert.equal(a.user!.email, 'x@a.example');
    const d = fromLegacy({ id: 'd', user: { id: 'u1', email: 'x@a.example' } }, pool);
    assert.equal(d.user, c.user, 'a repeated user is shared');
    assert.deepStrictEqual(apiFields(c), { id: 'c', user: { id: 'u1', email: 'x@a.example' } });
    assert.ok(Object.isFrozen(a.user), 'shared objects cannot be changed through one device');
  });

  it('a multi-user listing: every registration field round-trips, and profiles and users are shared', async () => {
    const c = client(multi);
    const [devices, regs] = await Promise.all([
      listPhysicalDevices(c, multi.accountId, { activeRegistrations: 'include' }, { perPage: 100 }),
      listRegistrations(c, multi.accountId, { status: 'all', includePolicy: true }, { perPage: 100 }),
    ]);
    const sentRegs = JSON.parse(JSON.stringify(regs)) as RegistrationInput[];
    const model = joinPhysical(devices, regs);
    const back = new Map(model.flatMap(d => d.registrations ?? []).map(r => [r.id, registrationBack(r)]));
    assert.equal(back.size, sentRegs.length);
    for (const r of sentRegs) assert.deepStrictEqual(JSON.parse(JSON.stringify(back.get(r.id))), normalised(r), `registration ${r.id}`);
    // the physical device's own fields, as the fresh (unshared) mapping has them
    const plain = joinPhysical(JSON.parse(JSON.stringify(devices)), JSON.parse(JSON.stringify(regs)));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), JSON.parse(JSON.stringify(plain)));
    const policies = new Map<string, Set<unknown>>();
    for (const d of model) for (const r of d.registrations ?? []) if (r.policy) policies.set(r.policy.id, (policies.get(r.policy.id) ?? new Set()).add(r.policy));
    assert.ok(policies.size > 0);
    for (const [id, set] of policies) assert.equal(set.size, 1, `one object for profile ${id}`);
  });

  it('a change to one registration makes new objects and leaves the shared ones as they were', async () => {
    const c = client(multi);
    const [devices, regs] = await Promise.all([
      listPhysicalDevices(c, multi.accountId, { activeRegistrations: 'include' }, { perPage: 100 }),
      listRegistrations(c, multi.accountId, { status: 'all', includePolicy: true }, { perPage: 100 }),
    ]);
    const model = joinPhysical(devices, regs);
    const target = model.find(d => d.registrations?.some(r => !r.revokedAt && r.policy))!;
    const reg = target.registrations!.find(r => !r.revokedAt && r.policy)!;
    const policyBefore = JSON.stringify(reg.policy);
    const after = withRegistrationChange(model, [reg.id], { revokedAt: '2026-11-29T00:00:00Z' });
    const changed = after.find(d => d.id === target.id)!.registrations!.find(r => r.id === reg.id)!;
    assert.equal(changed.revokedAt, '2026-11-29T00:00:00Z');
    assert.equal(reg.revokedAt, undefined, 'the old registration object is unchanged');
    assert.equal(changed.policy, reg.policy, 'the shared profile object is reused, not copied');
    assert.equal(JSON.stringify(reg.policy), policyBefore);
  });
});
