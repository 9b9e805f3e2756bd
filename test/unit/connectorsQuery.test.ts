import { strict as assert } from 'assert';
import { CloudflareClient } from '../../src/api';
import { ageOf as spanSince } from '../../src/model/age';
import { listTunnels, normalizeTunnelQuery, tunnelStateSince } from '../../src/model/tunnels';
import { CloudflareSimulator } from '../simulator/server';

describe('Connectors: tunnel query', () => {
  let sim: CloudflareSimulator;
  let client: CloudflareClient;

  before(async () => {
    // Ten tunnels: two of each kind (healthy, degraded, inactive, down, deleted).
    sim = await CloudflareSimulator.start({ devices: 5, tunnels: 10, seed: 3 });
    client = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }) });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  const listRequests = () => sim.requests.filter(r => r.path === `/accounts/${sim.accountId}/warp_connector`);

  it('by default asks for live tunnels only, every page, sorted by name', async () => {
    const tunnels = await listTunnels(client, sim.accountId, normalizeTunnelQuery(undefined), { perPage: 3 });
    const live = sim.state.tunnels.filter(t => !t.deleted_at);
    assert.deepEqual(tunnels.map(t => t.id).sort(), live.map(t => t.id).sort());
    assert.deepEqual(tunnels.map(t => t.name), [...tunnels.map(t => t.name)].sort((a, b) => a!.localeCompare(b!, 'en', { numeric: true })));
    const sent = listRequests();
    assert.equal(sent.length, Math.ceil(live.length / 3), 'every page');
    assert.ok(sent.every(r => r.query.is_deleted === 'false' && r.query.status === undefined));
  });

  it('sends one list per picked status and merges them', async () => {
    const tunnels = await listTunnels(client, sim.accountId, { statuses: ['down', 'healthy'], includeDeleted: false });
    assert.deepEqual(listRequests().map(r => `${r.query.status}/${r.query.is_deleted}`).sort(), ['down/false', 'healthy/false']);
    const expected = sim.state.tunnels.filter(t => !t.deleted_at && (t.status === 'down' || t.status === 'healthy'));
    assert.deepEqual(tunnels.map(t => t.id).sort(), expected.map(t => t.id).sort());
  });

  it('with deleted tunnels adds an is_deleted=true list and puts those last', async () => {
    const tunnels = await listTunnels(client, sim.accountId, { statuses: [], includeDeleted: true });
    assert.deepEqual(listRequests().map(r => r.query.is_deleted).sort(), ['false', 'true']);
    assert.equal(tunnels.length, sim.state.tunnels.length);
    const firstDeleted = tunnels.findIndex(t => t.deleted_at);
    assert.ok(firstDeleted > 0);
    assert.ok(tunnels.slice(firstDeleted).every(t => t.deleted_at), 'deleted tunnels come after live ones');
  });

  it('normalises stored queries: unknown states dropped, all four states = no filter', () => {
    assert.deepEqual(normalizeTunnelQuery({ statuses: ['down', 'bogus', 'healthy'], includeDeleted: 'yes' }), { statuses: ['healthy', 'down'], includeDeleted: false });
    assert.deepEqual(normalizeTunnelQuery({ statuses: ['inactive', 'down', 'degraded', 'healthy'], includeDeleted: true }), { statuses: [], includeDeleted: true });
  });

  it('dates a tunnel state from the right field', () => {
    const base = { id: 'x', created_at: '2025-01-01T00:00:00Z', conns_active_at: '2025-02-01T00:00:00Z', conns_inactive_at: '2025-03-01T00:00:00Z' };
    assert.equal(tunnelStateSince({ ...base, status: 'healthy' }), base.conns_active_at);
    assert.equal(tunnelStateSince({ ...base, status: 'degraded' }), base.conns_active_at);
    assert.equal(tunnelStateSince({ ...base, status: 'down' }), base.conns_inactive_at);
    assert.equal(tunnelStateSince({ ...base, status: 'inactive', conns_inactive_at: null }), base.created_at);
  });

  it('words spans in the largest whole unit', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    const at = (ms: number) => new Date(now - ms).toISOString();
    assert.deepEqual(spanSince(at(30_000), now), { unit: 'now' });
    assert.deepEqual(spanSince(at(40 * 60_000), now), { unit: 'min', n: 40 });
    assert.deepEqual(spanSince(at(20 * 3_600_000), now), { unit: 'h', n: 20 });
    assert.deepEqual(spanSince(at(2 * 86_400_000), now), { unit: 'd', n: 2 });
    assert.deepEqual(spanSince(at(200 * 86_400_000), now), { unit: 'mo', n: 6 });
    assert.deepEqual(spanSince(at(800 * 86_400_000), now), { unit: 'y', n: 2 });
    assert.equal(spanSince(null, now), undefined);
    assert.equal(spanSince('not a date', now), undefined);
  });
});
