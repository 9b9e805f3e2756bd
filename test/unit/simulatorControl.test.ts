import { strict as assert } from 'assert';
import { CloudflareSimulator } from '../simulator/server';

/** The control URL `npm run demo` prints: opened in a browser, it explains itself. */
describe('simulator: control surface help page', () => {
  let sim: CloudflareSimulator;
  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 5, profiles: 1 });
  });
  after(() => sim.close());

  it('answers GET on the printed control URL with a plain-text page naming every action', async () => {
    for (const url of [sim.controlUrl, sim.controlUrl.replace(/\/$/, '')]) {
      const res = await fetch(url);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; charset=utf-8$/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const text = await res.text();
      for (const action of ['GET requests', 'DELETE requests', 'POST faults', 'DELETE faults', 'POST reset', 'GET state', 'POST latency']) {
        assert.ok(text.includes(action), `${action} in the help page`);
      }
      assert.ok(text.includes(`curl ${sim.controlUrl}state`), 'a runnable example with this simulator\'s address');
    }
  });

  it('still answers an unknown action with a 404 in JSON, and the actions as before', async () => {
    const unknown = await fetch(`${sim.controlUrl}nope`);
    assert.equal(unknown.status, 404);
    assert.match(String(((await unknown.json()) as { error?: string }).error), /no control action GET \/__simulator\/nope/);
    const state = await fetch(`${sim.controlUrl}state`);
    assert.equal(state.status, 200);
    assert.match(state.headers.get('content-type') ?? '', /application\/json/);
  });
});
