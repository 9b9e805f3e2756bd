import { strict as assert } from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { CloudflareClient, PageSizes } from '../../src/api';
import { joinPhysical, type FleetDevice } from '../../src/model/fleetDevice';
import { loadLegacyFleet, loadPhysicalFleet } from '../../src/model/fleetLoad';
import type { LoadContext } from '../../src/model/loadable';
import { refreshRegistrations } from '../../src/model/registrationsRefresh';
import { Slicer } from '../../src/util/slices';
import { CloudflareSimulator } from '../simulator/server';
import { legacyFleet, multiUserFleet } from './fleetOverHttp';

/**
 * #17 item 1: the work between the requests of a multi-user listing or refresh runs in slices and is
 * not done twice, over real HTTP against the simulator. The stalls themselves are measured by
 * `npm run bench` (figures, never asserted here); these tests show the behaviour that keeps them short.
 */
describe('Scale: no long tasks while loading or refreshing a multi-user fleet', function () {
  this.timeout(60_000);
  let sim: CloudflareSimulator;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 600, seed: 29, multiUser: true });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.reset();
    // Pages of 100: several partial listings while 600 devices and their registrations arrive.
    sim.state.pageCaps = { legacy: 1000, cursor: 100, over: 'clamp' };
  });

  const client = () => new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), sleep: async () => {} });

  /** A slicer whose every slice is due, counting the times it gave the event loop back. */
  function countingSlicer() {
    const counter = { pauses: 0 };
    const slicer = Object.assign(new Slicer(0, 1), {
      pause: async () => {
        counter.pauses++;
        await new Promise<void>(r => setImmediate(r));
      },
    });
    return { slicer, counter };
  }

  /** A LoadContext as Loadable gives (one partial at a time), keeping every partial list the view would draw. */
  function context(c: CloudflareClient, partials: FleetDevice[][]): LoadContext<FleetDevice[]> {
    let making = false;
    return {
      client: c, accountId: sim.accountId, pageSize: 100, signal: new AbortController().signal, fresh: false,
      progress: () => undefined,
      partial: make => {
        if (making) return;
        making = true;
        void Promise.resolve(make()).then(d => {
          partials.push(d);
          making = false;
        });
      },
    };
  }

  it('an incremental refresh copies and checks the snapshot in slices, and holds what it held before', async () => {
    const c = client();
    const sizes = new PageSizes();
    const full = await refreshRegistrations(c, undefined, sim.accountId, { pageSizes: sizes });
    const { slicer, counter } = countingSlicer();
    const r = await refreshRegistrations(c, full.snapshot, sim.accountId, { pageSizes: sizes, slicer });
    assert.equal(r.kind, 'incremental');
    const regs = full.snapshot.registrations.size;
    // Copying the devices and registrations alone is more than 600 + `regs` due slices.
    assert.ok(counter.pauses >= 600 + regs, `gave the event loop back ${counter.pauses} times for 600 devices and ${regs} registrations`);
    assert.deepEqual([...r.snapshot.devices.keys()].sort(), [...full.snapshot.devices.keys()].sort());
    assert.deepEqual([...r.snapshot.registrations.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), [...full.snapshot.registrations.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it('joins each partial listing incrementally: a device nothing new arrived for keeps its object, and the result is the one-task join', async () => {
    const partials: FleetDevice[][] = [];
    const loaded = await loadPhysicalFleet(context(client(), partials), undefined);
    assert.equal(loaded.kind, 'full');
    assert.ok(partials.length >= 2, `${partials.length} partial lists drawn while loading`);
    const byId = new Map(loaded.devices.map(d => [d.id, d]));
    let kept = 0;
    for (const partial of partials) {
      for (const d of partial) {
        const last = byId.get(d.id)!;
        assert.ok(last, `${d.id} of a partial list is in the result`);
        // Unchanged since that partial list (no registration of it arrived later): the same object,
        // so the view's caches (search text, sort order) hold, and no garbage is made.
        if (JSON.stringify(d) === JSON.stringify(last)) {
          assert.equal(d, last, `${d.id} is joined again though nothing of it changed`);
          kept++;
        }
      }
    }
    assert.ok(kept > 0, 'some devices were complete in a partial list');
    assert.deepEqual(loaded.devices, await multiUserFleet(sim), 'the same devices, registrations and statuses as the one-task join');
    assert.deepEqual(loaded.devices, joinPhysical([...loaded.snapshot.devices.values()], [...loaded.snapshot.registrations.values()]));
  });
});

describe('Scale: a legacy listing keeps the model, not the API objects', function () {
  this.timeout(60_000);
  let sim: CloudflareSimulator;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 3_000, seed: 31 });
    // Pages of 100, four at a time: thirty pages, so the listing is well under way when looked at.
    sim.state.pageCaps = { legacy: 100, cursor: 1000, over: 'clamp' };
  });
  after(() => sim.close());

  it('lets each page of API objects be collected once it is mapped, and still returns every device in page order', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Every device object the API answers are parsed into (page by page), held weakly.
    const parsedPages: WeakRef<object>[][] = [];
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
      const value = parse(text, reviver);
      if (Array.isArray(value?.result)) parsedPages.push(value.result.map((d: object) => new WeakRef(d)));
      return value;
    }) as typeof JSON.parse;
    let alive: number | undefined;
    let looked: Promise<void> | undefined;
    const c = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), sleep: async () => {} });
    try {
      const devices = await loadLegacyFleet({
        client: c, accountId: sim.accountId, pageSize: 100, signal: new AbortController().signal, fresh: false,
        partial: () => undefined,
        progress: loaded => {
          // Half way: collect, then (in a later task, when no WeakRef is held for the job) count the
          // API objects of the pages mapped so far that are still alive. The first page is left out:
          // the listing holds it to learn the totals.
          if (looked || loaded < 1_500) return;
          looked = new Promise<void>(resolve =>
            setImmediate(() => {
              gc();
              setImmediate(() => {
                alive = parsedPages.slice(1, -4).flat().filter(w => w.deref() !== undefined).length;
                resolve();
              });
            }),
          );
        },
      });
      await looked;
      assert.equal(devices.length, 3_000);
      assert.deepEqual(devices.map(d => d.id), (await legacyFleet(sim)).map(d => d.id), 'page order');
      assert.deepEqual(devices, await legacyFleet(sim), 'the same devices as mapping the whole listing');
    } finally {
      JSON.parse = parse;
    }
    assert.ok(parsedPages.length > 10, `${parsedPages.length} pages parsed`);
    assert.equal(alive, 0, 'API objects of mapped pages still held while the listing runs');
  });
});
