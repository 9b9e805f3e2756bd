// The request budget keeps the client under Cloudflare's rate limit by itself: checked against the
// simulator's request log (a small budget, real time) and through behaviour with an injected clock.
import { strict as assert } from 'assert';
import { CloudflareClient, getDevice } from '../../src/api';
import { RequestBudget } from '../../src/api/rateLimit';
import { CloudflareSimulator } from '../simulator/server';

/** A budget that also notes when each request was allowed to start (the client's side of the log). */
class RecordingBudget extends RequestBudget {
  readonly starts: number[] = [];
  override take(): void {
    this.starts.push(Date.now());
    super.take();
  }
}

/** The most starts that fall within any window of `windowMs` (half-open: [t, t + windowMs)). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('Request budget', function () {
  this.timeout(20000);

  it('a client with 5 per second firing 12 requests starts no more than 5 in any second, and all 12 complete', async () => {
    const sim = await CloudflareSimulator.start({ devices: 20 });
    try {
      const budget = new RecordingBudget({ limit: 5, windowMs: 1000 });
      const client = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), budget });
      const ids = sim.state.devices.slice(0, 12).map(d => d.id);
      const started = Date.now();
      const devices = await Promise.all(ids.map(id => getDevice(client, sim.accountId, id)));
      const elapsed = Date.now() - started;

      assert.deepEqual(devices.map(d => d.id), ids, 'every request completed with its own answer');
      const seen = sim.requests.filter(r => r.method === 'GET' && /\/devices\/[^/]+$/.test(r.path));
      assert.equal(seen.length, 12, 'the simulator saw exactly 12 requests (no retries, none lost)');
      assert.ok(seen.every(r => r.status === 200), `statuses: ${seen.map(r => r.status).join(',')}`);
      // Client side, exact: the budget let no more than 5 start within any 1,000 ms.
      assert.equal(budget.starts.length, 12);
      assert.equal(maxInWindow(budget.starts, 1000), 5, `starts: ${budget.starts.map(t => t - started).join(', ')}`);
      // Simulator side: arrival adds a few ms of jitter per request, so allow 50 ms of it.
      assert.ok(maxInWindow(seen.map(r => r.at), 950) <= 5, `arrivals: ${seen.map(r => r.at - started).join(', ')}`);
      // 5 now, 5 after 1 s, 2 after 2 s: the last two cannot have started before 2 s.
      assert.ok(elapsed >= 1990, `took ${elapsed} ms`);
    } finally {
      await sim.close();
    }
  });

  it('defaults to 1,200 requests per 5 minutes', () => {
    let now = 1_000_000;
    const budget = new RequestBudget({ now: () => now });
    for (let i = 0; i < 1200; i++) {
      assert.equal(budget.delay().ms, 0, `request ${i + 1} may start at once`);
      budget.take();
    }
    assert.equal(budget.used, 1200);
    const wait = budget.delay();
    assert.deepEqual(wait, { ms: 5 * 60_000, reason: 'budget' }, 'the 1,201st waits until the first leaves the window');
    now += 5 * 60_000 - 1;
    assert.equal(budget.delay().ms, 1, 'still one ms short of 5 minutes');
    now += 1;
    assert.equal(budget.delay().ms, 0, 'after 5 minutes the oldest start has left the window');
  });

  it('a Retry-After pause holds every request even with budget to spare', () => {
    let now = 0;
    const budget = new RequestBudget({ limit: 5, windowMs: 1000, now: () => now });
    budget.pause(3000);
    assert.deepEqual(budget.delay(), { ms: 3000, reason: 'retryAfter' });
    now = 3000;
    assert.equal(budget.delay().ms, 0);
  });
});
