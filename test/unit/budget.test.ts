// The request budget keeps the client under Cloudflare's rate limit by itself: checked through its own
// decisions on an injected clock (never the wall clock: timing under load is the bench's business).
import { strict as assert } from 'assert';
import { CloudflareClient, getDevice } from '../../src/api';
import { RequestBudget } from '../../src/api/rateLimit';
import { CloudflareSimulator } from '../simulator/server';

/** A budget that also notes when (on its own clock) each request was allowed to start. */
class RecordingBudget extends RequestBudget {
  readonly starts: number[] = [];
  constructor(private readonly clock: () => number, limit: number, windowMs: number) {
    super({ limit, windowMs, now: clock });
  }
  override take(): void {
    this.starts.push(this.clock());
    super.take();
  }
}

/**
 * A virtual clock for the budget and the client's sleeps: a sleep waits until the clock reaches its
 * end, and the clock jumps to the earliest pending end once the sleepers have queued. The budget's
 * decisions are then exact and independent of machine load (the requests themselves are real HTTP).
 */
function virtualClock() {
  let now = 0;
  const sleepers: { at: number; resolve: () => void }[] = [];
  let scheduled = false;
  const advance = () => {
    scheduled = false;
    if (!sleepers.length) return;
    now = Math.max(now, Math.min(...sleepers.map(s => s.at)));
    for (const s of sleepers.filter(x => x.at <= now)) {
      sleepers.splice(sleepers.indexOf(s), 1);
      s.resolve();
    }
  };
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>(resolve => {
        sleepers.push({ at: now + ms, resolve });
        if (!scheduled) {
          scheduled = true;
          setTimeout(advance, 20);
        }
      }),
  };
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
      const clock = virtualClock();
      const budget = new RecordingBudget(clock.now, 5, 1000);
      const client = new CloudflareClient({
        baseUrl: sim.baseUrl,
        credentials: () => ({ kind: 'token', token: sim.token }),
        budget,
        sleep: ms => clock.sleep(ms),
      });
      const ids = sim.state.devices.slice(0, 12).map(d => d.id);
      const devices = await Promise.all(ids.map(id => getDevice(client, sim.accountId, id)));

      assert.deepEqual(devices.map(d => d.id), ids, 'every request completed with its own answer');
      const seen = sim.requests.filter(r => r.method === 'GET' && /\/devices\/[^/]+$/.test(r.path));
      assert.equal(seen.length, 12, 'the simulator saw exactly 12 requests (no retries, none lost)');
      assert.ok(seen.every(r => r.status === 200), `statuses: ${seen.map(r => r.status).join(',')}`);
      // The budget's own decisions, on its own clock: 5 at once, 5 a second later, the last 2 a second after that.
      assert.equal(maxInWindow(budget.starts, 1000), 5, `starts: ${budget.starts.join(', ')}`);
      assert.deepEqual([...budget.starts].sort((a, b) => a - b), [0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
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
