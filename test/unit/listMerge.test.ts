// The list editors' three-way merge (base = what the editor loaded, theirs = Cloudflare now, ours =
// the editor's rows): both sides' additions, deletions and edits apply; only real conflicts are asked.
import { strict as assert } from 'assert';
import { rowsToEntries, type ListEntry, type ListRow } from '../../src/webviews/listEditor/listData';
import { threeWayMerge } from '../../src/webviews/listEditor/listMerge';

const r = (value: string, description = '', dns = ''): ListRow => ({ id: `t-${value}`, value, description, dns });
const entries = (rows: ListRow[]) => rowsToEntries('splitTunnel', rows);

describe('list editor: three-way merge', () => {
  const base: ListEntry[] = [{ address: '10.0.0.0/8' }, { host: 'a.example.com', description: 'A' }, { host: 'b.example.com' }];

  it('never brings back an entry they deleted (the Exclude entry that let traffic bypass WARP stays gone)', () => {
    const ours = [r('10.0.0.0/8'), r('a.example.com', 'A'), r('b.example.com'), r('mine.example.com')];
    const theirs: ListEntry[] = [{ address: '10.0.0.0/8' }, { host: 'b.example.com' }];
    const m = threeWayMerge('splitTunnel', base, ours, theirs);
    assert.deepEqual(entries(m.rows), [{ address: '10.0.0.0/8' }, { host: 'b.example.com' }, { host: 'mine.example.com' }]);
    assert.deepEqual(m.theirsDeleted, [{ host: 'a.example.com', description: 'A' }]);
    assert.deepEqual(m.conflicts, []);
  });

  it('keeps their description edits and my own edits when they touch different entries', () => {
    const ours = [r('10.0.0.0/8', 'RFC 1918 (mine)'), r('a.example.com', 'A'), r('b.example.com')];
    const theirs: ListEntry[] = [{ address: '10.0.0.0/8' }, { host: 'a.example.com', description: 'A, edited by them' }, { host: 'b.example.com' }];
    const m = threeWayMerge('splitTunnel', base, ours, theirs);
    assert.deepEqual(entries(m.rows), [{ address: '10.0.0.0/8', description: 'RFC 1918 (mine)' }, { host: 'a.example.com', description: 'A, edited by them' }, { host: 'b.example.com' }]);
    assert.deepEqual(m.marks, { 't-a.example.com': 'theirsChanged' });
    assert.equal(m.rows[1].id, 't-a.example.com', 'a row taken from their side keeps its id');
  });

  it('applies my deletions and their additions; the same change on both sides is no conflict', () => {
    const ours = [r('10.0.0.0/8'), r('a.example.com', 'same edit'), r('both.example.com', 'x')];
    const theirs: ListEntry[] = [{ address: '10.0.0.0/8' }, { host: 'a.example.com', description: 'same edit' }, { host: 'b.example.com' }, { host: 'both.example.com', description: 'x' }, { host: 'theirs.example.com' }];
    const m = threeWayMerge('splitTunnel', base, ours, theirs);
    assert.deepEqual(entries(m.rows), [{ address: '10.0.0.0/8' }, { host: 'a.example.com', description: 'same edit' }, { host: 'both.example.com', description: 'x' }, { host: 'theirs.example.com' }]);
    assert.deepEqual(m.conflicts, []);
    assert.deepEqual(Object.values(m.marks), ['theirsAdded']);
  });

  it('reports each real conflict once, keeps mine until told, and applies the answers', () => {
    const ours = [r('10.0.0.0/8', 'mine'), r('a.example.com', 'A (mine)'), r('new.example.com', 'mine')];
    const theirs: ListEntry[] = [{ address: '10.0.0.0/8', description: 'theirs' }, { host: 'b.example.com', description: 'edited' }, { host: 'new.example.com', description: 'theirs' }];
    const m = threeWayMerge('splitTunnel', base, ours, theirs);
    assert.deepEqual(m.conflicts.map(c => `${c.kind}:${c.key}`), ['bothChanged:10.0.0.0/8', 'theirsDeleted:a.example.com', 'bothAdded:new.example.com', 'oursDeleted:b.example.com']);
    assert.deepEqual(entries(m.rows), [{ address: '10.0.0.0/8', description: 'mine' }, { host: 'a.example.com', description: 'A (mine)' }, { host: 'new.example.com', description: 'mine' }]);
    const answered = threeWayMerge('splitTunnel', base, ours, theirs, { '10.0.0.0/8': 'theirs', 'a.example.com': 'theirs', 'new.example.com': 'ours', 'b.example.com': 'theirs' });
    assert.deepEqual(entries(answered.rows), [{ address: '10.0.0.0/8', description: 'theirs' }, { host: 'new.example.com', description: 'mine' }, { host: 'b.example.com', description: 'edited' }]);
    assert.deepEqual(Object.values(answered.marks), ['resolved', 'resolved', 'resolved']);
  });

  it('merges Local Domain Fallback by suffix, DNS servers included', () => {
    const fbBase: ListEntry[] = [{ suffix: 'corp.example.com', dns_server: ['10.0.0.53'] }, { suffix: 'lab.example.com' }];
    const ours = [r('corp.example.com', '', '10.0.0.53'), r('lab.example.com', 'mine')];
    const theirs: ListEntry[] = [{ suffix: 'corp.example.com', dns_server: ['10.0.0.53', '10.0.1.53'] }];
    const m = threeWayMerge('fallback', fbBase, ours, theirs);
    assert.deepEqual(rowsToEntries('fallback', m.rows), [{ suffix: 'corp.example.com', dns_server: ['10.0.0.53', '10.0.1.53'] }, { suffix: 'lab.example.com', description: 'mine' }]);
    assert.deepEqual(m.conflicts.map(c => c.kind), ['theirsDeleted']);
  });
});
