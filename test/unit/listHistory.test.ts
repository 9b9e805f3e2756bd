// List history, the pure parts (src/webviews/listEditor/listHistory.ts): file format, bounds, paths, text form.
import { strict as assert } from 'assert';
import { addSnapshot, historyPath, listText, parseHistory, type HistoryFile, type ListSnapshot } from '../../src/webviews/listEditor/listHistory';

const snap = (n: number, at = `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`): ListSnapshot => ({
  at,
  kind: 'saved',
  list: 'exclude',
  entries: Array.from({ length: n }, (_, i) => ({ address: `10.0.${Math.floor(i / 256)}.${i % 256}`, description: `row ${i}` })),
});
const empty = (): HistoryFile => ({ v: 1, snapshots: [] });

describe('list history: snapshot file', () => {
  it('keeps at most `count` snapshots, dropping the oldest', () => {
    let file = empty();
    for (let i = 1; i <= 60; i++) file = addSnapshot(file, snap(i), { count: 50, bytes: 10 * 1024 * 1024 }).file;
    assert.equal(file.snapshots.length, 50);
    assert.equal(file.snapshots[0].entries.length, 11);
    assert.equal(file.snapshots[49].entries.length, 60);
  });

  it('keeps the file under the byte cap, dropping the oldest, and the text is that file', () => {
    let file = empty();
    let text = '';
    const limits = { count: 50, bytes: 20_000 };
    for (let i = 0; i < 30; i++) ({ file, text } = addSnapshot(file, snap(100 + i), limits));
    assert.ok(Buffer.byteLength(text) <= limits.bytes, `${Buffer.byteLength(text)} bytes`);
    assert.deepEqual(JSON.parse(text), file);
    assert.equal(file.snapshots[file.snapshots.length - 1].entries.length, 129);
    // the oldest went first: what is left is the newest ones, in order
    const sizes = file.snapshots.map(s => s.entries.length);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => a - b));
    assert.ok(file.snapshots.length < 30);
  });

  it('does not keep a snapshot larger than the cap alone, and leaves the history as it was', () => {
    const before = addSnapshot(empty(), snap(2), { count: 50, bytes: 5000 }).file;
    const r = addSnapshot(before, snap(500), { count: 50, bytes: 5000 });
    assert.equal(r.kept, false);
    assert.deepEqual(r.file, before);
  });

  it('writes only the fields of list entries, whatever came along with them', () => {
    const tainted = { address: '10.0.0.0/8', description: 'x', token: 'secret-token-value', headers: { Authorization: 'Bearer abc' } };
    const r = addSnapshot(empty(), { at: '2026-01-01T00:00:00Z', kind: 'saved', list: 'exclude', entries: [tainted as never] });
    assert.doesNotMatch(r.text, /secret-token-value|Bearer|Authorization|token/);
    assert.deepEqual(r.file.snapshots[0].entries, [{ address: '10.0.0.0/8', description: 'x' }]);
  });

  it('reads a damaged or foreign file as an empty history, and drops entries that are not snapshots', () => {
    assert.deepEqual(parseHistory('{not json'), empty());
    assert.deepEqual(parseHistory(JSON.stringify({ v: 2, snapshots: [] })), empty());
    const good = snap(1);
    const mixed = parseHistory(JSON.stringify({ v: 1, snapshots: [good, { at: 'never', kind: 'saved', list: 'exclude', entries: [] }, { ...good, list: '../x' }] }));
    assert.deepEqual(mixed.snapshots, [good]);
  });

  it('names a file per account, profile and list, with no way out of its folder', () => {
    assert.deepEqual(historyPath('abc123', undefined, 'exclude'), ['history', 'abc123', 'default', 'exclude.json']);
    assert.deepEqual(historyPath('abc123', 'p-1', 'fallback_domains'), ['history', 'abc123', 'p-p-1', 'fallback_domains.json']);
    for (const seg of historyPath('..', '../../etc', 'include')) assert.ok(!seg.includes('/') && seg !== '..' && seg !== '.', seg);
  });
});

describe('list history: the sorted text form', () => {
  it('reads the same for the same entries in another order, one entry a line', () => {
    const a = [{ address: '10.0.0.0/8', description: 'RFC 1918' }, { host: 'Example.com' }, { address: '192.168.0.0/16' }];
    assert.equal(listText(a), listText([...a].reverse()));
    assert.equal(listText(a), '10.0.0.0/8  # RFC 1918\n192.168.0.0/16\nExample.com\n');
  });

  it('shows DNS servers of fallback entries, and a line break in a description cannot make a line', () => {
    const text = listText([{ suffix: 'corp.acme.com', dns_server: ['10.0.0.53', '10.0.0.54'], description: 'intranet\n10.6.6.6/32' }]);
    assert.equal(text, 'corp.acme.com  → 10.0.0.53, 10.0.0.54  # intranet 10.6.6.6/32\n');
  });
});
