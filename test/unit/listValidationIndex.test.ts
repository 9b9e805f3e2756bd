// Incremental validation (src/model/listValidationIndex.ts) against a full validation
// (src/model/listValidation.ts validateRows) after random edit sequences.
import { strict as assert } from 'assert';
import { countProblems, validateRows, type ListFlavor } from '../../src/model/listValidation';
import { ValidationIndex, type IndexedRowInput } from '../../src/model/listValidationIndex';

/** A deterministic pseudo-random sequence, so a failure names a seed that reproduces it. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Values from a small space, so duplicates, CIDRs inside wider ones, hosts under wildcards, host bits,
 * case and white-space variants and invalid rows all happen often.
 */
const SPLIT_VALUES = [
  '10.0.0.0/8', '10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.3', '10.1.2.3/32', '10.1.2.3/24', '10.0.0.0/7',
  '11.0.0.0/8', '0.0.0.0/0', '192.168.0.0/16', '192.168.1.1', ' 10.1.0.0/16 ', '300.1.1.1', '10.0.0.0/33', '',
  '2001:db8::/32', '2001:db8:1::/48', '2001:db8:1::1', '2001:DB8:1::1', 'fe80::/10', '::/0',
  'example.com', 'EXAMPLE.com', '*.example.com', 'a.example.com', 'b.a.example.com', '*.a.example.com', '*.com',
  'corp.acme.com', '*.acme.com', 'x.corp.acme.com', 'bad_label.com', '*.', 'a.*.com',
];
const FALLBACK_VALUES = ['corp.acme.com', 'CORP.acme.com', ' corp.acme.com', 'lab.acme.com', 'acme.com', '*.acme.com', '', '10.0.0.1', 'intranet', 'bad_label.com'];
const DNS_VALUES = ['', '10.0.0.53', '10.0.0.53, 10.0.0.54', '10.0.0.53 10.0.0.53', 'not-an-ip', '2001:db8::53'];

type Row = IndexedRowInput;

function randomEdits(flavor: ListFlavor, seed: number, steps: number): void {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const values = flavor === 'fallback' ? FALLBACK_VALUES : SPLIT_VALUES;
  let id = 0;
  const newRow = (): Row => ({ id: `r${id++}`, value: pick(values), description: r() < 0.5 ? '' : `d${id}`, dns: flavor === 'fallback' ? pick(DNS_VALUES) : '' });
  let rows: Row[] = Array.from({ length: Math.floor(r() * 20) }, newRow);
  const index = new ValidationIndex(flavor, rows);
  for (let step = 0; step < steps; step++) {
    const op = r();
    if (op < 0.3 || rows.length === 0) rows = [...rows, ...Array.from({ length: 1 + Math.floor(r() * 3) }, newRow)];
    else if (op < 0.6) {
      const k = Math.floor(r() * rows.length);
      rows = rows.map((x, i) => (i === k ? { ...x, value: pick(values), dns: flavor === 'fallback' ? pick(DNS_VALUES) : '' } : x));
    } else if (op < 0.7) {
      const k = Math.floor(r() * rows.length);
      rows = rows.map((x, i) => (i === k ? { ...x, description: `edited ${step}` } : x));
    } else if (op < 0.9) {
      const gone = new Set(rows.filter(() => r() < 0.15).map(x => x.id));
      if (!gone.size) gone.add(pick(rows).id);
      rows = rows.filter(x => !gone.has(x.id));
    } else if (op < 0.95) {
      // A reorder (a merge, a reload): the index rebuilds.
      rows = [...rows].sort(() => r() - 0.5);
    } else {
      // The row being typed: probing must give its problems in place and change nothing.
      const k = Math.floor(r() * (rows.length + 1));
      const probe = k < rows.length ? { ...rows[k], value: pick(values) } : newRow();
      const withProbe = k < rows.length ? rows.map((x, i) => (i === k ? probe : x)) : [...rows, probe];
      assert.deepEqual(index.probe(probe), validateRows(flavor, withProbe)[k], `seed ${seed} step ${step}: probe`);
    }
    index.sync(rows);
    const full = validateRows(flavor, rows);
    assert.deepEqual(index.problems, full, `seed ${seed} step ${step}: ${JSON.stringify(rows.map(x => x.value))}`);
    assert.deepEqual(index.problemCounts, countProblems(full), `seed ${seed} step ${step}: counts`);
  }
}

describe('incremental list validation', () => {
  it('equals a full validation after random edit sequences (Split Tunnel)', () => {
    for (let seed = 1; seed <= 30; seed++) randomEdits('splitTunnel', seed, 80);
  });

  it('equals a full validation after random edit sequences (Local Domain Fallback)', () => {
    for (let seed = 1; seed <= 20; seed++) randomEdits('fallback', seed, 80);
  });

  it('renumbers the row a warning names when a row above it is removed', () => {
    const rows: Row[] = [
      { id: 'a', value: '192.168.0.0/16', description: '', dns: '' },
      { id: 'b', value: '10.0.0.0/8', description: '', dns: '' },
      { id: 'c', value: '10.1.0.0/16', description: '', dns: '' },
    ];
    const index = new ValidationIndex('splitTunnel', rows);
    assert.deepEqual(index.problems[2].map(p => p.args), [['10.0.0.0/8', '2']]);
    index.sync(rows.slice(1));
    assert.deepEqual(index.problems[1].map(p => p.args), [['10.0.0.0/8', '1']]);
  });

  it('re-checks a covered row when the wider one is edited away, and only the rows it could affect', () => {
    const rows: Row[] = [
      { id: 'w', value: '*.acme.com', description: '', dns: '' },
      { id: 'h', value: 'vpn.acme.com', description: '', dns: '' },
      { id: 'o', value: 'other.org', description: '', dns: '' },
    ];
    const index = new ValidationIndex('splitTunnel', rows);
    const untouched = index.problems[2];
    assert.equal(index.problems[1][0].code, 'coveredBy');
    index.sync([{ ...rows[0], value: '*.other.net' }, rows[1], rows[2]]);
    assert.deepEqual(index.problems[1], []);
    // The row no edit could reach keeps the very same array: it was not validated again.
    assert.equal(index.problems[2], untouched);
  });
});
