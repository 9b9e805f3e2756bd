// Under a 429 storm the client backs off as Retry-After says and the status bar shows for how long.
import * as assert from 'assert';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { signedInSimulator, waitFor } from './helpers';

describe('Rate limit', function () {
  this.timeout(60000);
  const signedIn = signedInSimulator({ devices: 50 });
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    ({ sim, api } = signedIn);
    // Let the load the session change started settle, so the only load under test is ours.
    await api.model.devices.reload();
    sim.clearRequests();
  });

  it('waits as Retry-After says, shows the countdown, then loads', async () => {
    const path = `/accounts/${sim.accountId}/devices`;
    sim.inject({ path, kind: 'rateLimit', retryAfter: 3, times: 2 });
    const load = api.model.devices.reload();
    const text = await waitFor(() => api.statusBar.waitingText, 'the waiting indicator');
    assert.match(text, /rate limit: waiting [1-3] s/);
    await load;
    assert.equal(api.model.devices.state.kind, 'loaded');
    const tries = sim.requests.filter(r => r.path === path);
    assert.deepEqual(tries.map(r => r.status).slice(0, 3), [429, 429, 200]);
    assert.ok(tries[1].at - tries[0].at >= 2900, `second try ${tries[1].at - tries[0].at} ms after the first 429`);
    await waitFor(() => api.statusBar.waitingText === undefined, 'the indicator to hide', 5000);
  });
});
