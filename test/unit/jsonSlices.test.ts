// A large API answer parsed in slices (src/api/jsonSlices.ts) gives what JSON.parse gives, throws where
// it throws, and gives the event loop back while it parses; sliced jobs take turns, one per turn of the
// event loop (src/util/slices.ts yieldToEventLoop). #17 item 1.
import { strict as assert } from 'assert';
import { ITEMS_PER_CLOCK_READ, parseJsonInSlices, splitResult } from '../../src/api/jsonSlices';
import { Slicer, yieldToEventLoop } from '../../src/util/slices';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Strings that a scan following quotes and brackets could get wrong. */
const NASTY = ['', 'plain', '"', '\\', '\\"', '"]', '[{', '}', ',', 'a\\\\"b', '\u00e9t\u00e9', '\ud83d\ude00', '\u2028', '{"result":[1]}', 'result', '\n\t'];

function randomValue(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 5 : 8));
  switch (k) {
    case 0:
      return NASTY[Math.floor(r() * NASTY.length)];
    case 1:
      return Math.floor(r() * 1e6) / (r() < 0.5 ? 1 : 1000) - 500;
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return `s${Math.floor(r() * 100)}`;
    case 5:
    case 6: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i--) o[r() < 0.2 ? NASTY[Math.floor(r() * NASTY.length)] : `k${i}`] = randomValue(r, depth + 1);
      return o;
    }
    default:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  }
}

/** JSON text with random white space between tokens (JSON.stringify's indent, or none). */
function stringify(value: unknown, r: () => number): string {
  const indent = [undefined, 1, 2, '\t'][Math.floor(r() * 4)];
  const text = JSON.stringify(value, null, indent);
  return r() < 0.3 ? ` \n${text}\r\n ` : text;
}

function randomEnvelope(r: () => number): Record<string, unknown> {
  const items = Array.from({ length: Math.floor(r() * 40) }, () => randomValue(r, 1));
  const parts: [string, unknown][] = [
    ['success', true],
    ['errors', []],
    ['messages', r() < 0.5 ? [] : [{ code: 1, message: NASTY[Math.floor(r() * NASTY.length)] }]],
    ['result', r() < 0.9 ? items : r() < 0.5 ? null : { id: 'x' }],
    ['result_info', { page: 1, per_page: 1000, count: items.length, total_count: 5 }],
  ];
  // The keys in any order ("result" is not always first or last).
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  return Object.fromEntries(parts);
}

async function outcome(fn: () => unknown): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: await fn() };
  } catch (e) {
    return { error: e instanceof Error ? e.constructor.name : String(e) };
  }
}

describe('Large answers parsed in slices', () => {
  it('gives what JSON.parse gives for 500 random envelopes (strings with quotes, backslashes and brackets; any key order; white space)', async () => {
    let sliced = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const text = stringify(randomEnvelope(r), r);
      const expected = JSON.parse(text) as { result: unknown };
      assert.deepEqual(await parseJsonInSlices(text, new Slicer(0, 1)), expected, `seed ${seed}`);
      // And by the sliced path, not by the fallback to one JSON.parse: the scan found every item.
      if (Array.isArray(expected.result)) {
        const split = splitResult(text);
        assert.equal(split && split.items.length / 2, expected.result.length, `seed ${seed}: items found`);
        sliced++;
      }
    }
    assert.ok(sliced > 400, `${sliced} of 500 envelopes had a result array`);
  });

  it('keeps the order of the keys and the items', async () => {
    const text = '{"result_info":{"page":1},"result":[{"id":"b"},{"id":"a"},3,"x",[1]],"success":true}';
    const value = (await parseJsonInSlices(text)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['result_info', 'result', 'success']);
    assert.deepEqual(value.result, [{ id: 'b' }, { id: 'a' }, 3, 'x', [1]]);
  });

  it('reads odd envelopes as JSON.parse does: the key twice, an escaped key, a result that is not an array, an own __proto__', async () => {
    const odd = [
      '{"result":[1,2,3],"result":[4,5]}',
      '{"res\\u0075lt":[1,2],"result":[3,4]}',
      '{"result":[1,2],"res\\u0075lt":[3,4]}',
      '{"result":{"a":[1,2]},"x":[1,2]}',
      '{"result":[{"__proto__":{"polluted":1}},{"__proto__":[]}],"__proto__":{"x":1}}',
      '{"result":[]}',
      '{"result":[1]}',
      '[1,2,3]',
      '"result"',
      '{"result":[ 1 , 2 ],"success":true}',
    ];
    for (const text of odd) {
      const got = await parseJsonInSlices(text);
      assert.deepEqual(got, JSON.parse(text), text);
      assert.equal(JSON.stringify(got), JSON.stringify(JSON.parse(text)), text);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('throws a SyntaxError wherever JSON.parse throws (broken items, trailing commas, text after the envelope, cut short)', async () => {
    const good = JSON.stringify({ success: true, result: [{ id: 'a', name: 'x"]' }, { id: 'b' }, { id: 'c' }] });
    const broken = [
      '{"result":[1,2,],"success":true}',
      '{"result":[1 2],"success":true}',
      '{"result":[,1,2]}',
      '{"result":[1,2]} x',
      '{"result":[1,2]}}',
      '{"result":[{"a":1},{"a":}]}',
      '{"result":[1,2],}',
      '{"result":[1,2] "x":1}',
      good.slice(0, good.length - 3),
      good.slice(0, 30),
      good.replace('"b"', "'b'"),
      '',
    ];
    for (const text of broken) {
      assert.throws(() => JSON.parse(text), SyntaxError, `JSON.parse accepts ${text}`);
      assert.deepEqual(await outcome(() => parseJsonInSlices(text)), { error: 'SyntaxError' }, text);
    }
  });

  it('gives the event loop back between slices of a page of 1,000 items', async () => {
    const page = JSON.stringify({ success: true, result: Array.from({ length: 1000 }, (_, i) => ({ id: `d${i}`, name: `device "${i}" ]` })), result_info: { count: 1000 } });
    let pauses = 0;
    const slicer = Object.assign(new Slicer(0, ITEMS_PER_CLOCK_READ), {
      pause: async () => {
        pauses++;
        await yieldToEventLoop();
      },
    });
    const value = await parseJsonInSlices(page, slicer);
    assert.deepEqual(value, JSON.parse(page));
    // The clock is read every 16 items: with every slice due at once, 63 pauses for 1,000 items.
    assert.equal(pauses, Math.ceil(1000 / 16));
  });
});

describe('Sliced jobs take turns', () => {
  it('lets one sliced job run per turn of the event loop, however many wait', async () => {
    // A ticker that counts turns of the loop (one setImmediate per check phase).
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const ranIn: number[] = [];
    const job = async () => {
      for (let slice = 0; slice < 20; slice++) {
        await yieldToEventLoop();
        ranIn.push(turn);
      }
    };
    // Four jobs at once, as four pages that arrived together.
    await Promise.all([job(), job(), job(), job()]);
    ticking = false;
    assert.equal(ranIn.length, 80);
    const perTurn = new Map<number, number>();
    for (const t of ranIn) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    assert.deepEqual([...perTurn.values()].filter(n => n > 1), [], 'a turn of the loop ran more than one slice');
  });

  it('lets each waiter go in the order it asked', async () => {
    const order: string[] = [];
    await Promise.all(['a', 'b', 'c'].map(async name => {
      await yieldToEventLoop();
      order.push(name);
    }));
    assert.deepEqual(order, ['a', 'b', 'c']);
  });
});
