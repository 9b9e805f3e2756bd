import { strict as assert } from 'assert';
import { validateBaseUrl } from '../../src/api/baseUrl';
import { parseRetryAfter, queryString } from '../../src/api/client';
import { RequestBudget } from '../../src/api/rateLimit';

describe('base URL validation', () => {
  it('accepts https and loopback http, without a trailing slash', () => {
    assert.equal(validateBaseUrl('https://api.cloudflare.com/client/v4/'), 'https://api.cloudflare.com/client/v4');
    assert.equal(validateBaseUrl('http://127.0.0.1:8787/client/v4'), 'http://127.0.0.1:8787/client/v4');
    assert.equal(validateBaseUrl('http://localhost:1/x'), 'http://localhost:1/x');
    assert.equal(validateBaseUrl('http://[::1]:8787/client/v4'), 'http://[::1]:8787/client/v4');
  });

  it('refuses plain http to anything but loopback, other schemes and embedded credentials', () => {
    assert.throws(() => validateBaseUrl('http://api.cloudflare.com/client/v4'), /loopback/);
    assert.throws(() => validateBaseUrl('http://10.0.0.1/client/v4'), /loopback/);
    assert.throws(() => validateBaseUrl('ftp://example.com'), /https/);
    assert.throws(() => validateBaseUrl('https://u:p@example.com'), /user name or password/);
    assert.throws(() => validateBaseUrl('not a url'), /not a valid URL/);
  });
});

describe('request helpers', () => {
  it('parses Retry-After as seconds, an HTTP date or retry-after-ms', () => {
    const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });
    assert.equal(parseRetryAfter(h({ 'retry-after': '3' })), 3000);
    assert.equal(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '3' })), 250);
    assert.equal(parseRetryAfter(h({ 'retry-after': new Date(10_000).toUTCString() }), 4_000), 6_000);
    assert.equal(parseRetryAfter(h({})), undefined);
  });

  it('builds query strings with repeated keys and skips undefined', () => {
    assert.equal(queryString({ page: 2, per_page: 100, x: undefined, id: ['a', 'b'] }), '?page=2&per_page=100&id=a&id=b');
    assert.equal(queryString({}), '');
  });
});

describe('RequestBudget', () => {
  it('lets requests through up to the limit, then waits for the window to slide', () => {
    let now = 0;
    const budget = new RequestBudget({ limit: 3, windowMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) {
      assert.equal(budget.delay().ms, 0);
      budget.take();
      now += 100;
    }
    assert.deepEqual(budget.delay(), { ms: 700, reason: 'budget' });
    now = 1000;
    assert.equal(budget.delay().ms, 0);
  });

  it('holds every request while paused by a Retry-After', () => {
    let now = 0;
    const budget = new RequestBudget({ now: () => now });
    budget.pause(2000);
    assert.deepEqual(budget.delay(), { ms: 2000, reason: 'retryAfter' });
    now = 1500;
    assert.equal(budget.delay().ms, 500);
    now = 2000;
    assert.equal(budget.delay().ms, 0);
  });
});
