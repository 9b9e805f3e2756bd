// The list editor's pure parts: rows <-> entries, CSV/JSON formats, diff and merge, protocol guards.
import { strict as assert } from 'assert';
import { diffEntries, entryToRow, rowsToEntries, sameEntries, type ListEntry, type ListRow } from '../../src/webviews/listEditor/listData';
import { threeWayMerge } from '../../src/webviews/listEditor/listMerge';
import { parseCsvRecords, parseCsvRows, parseImport, toCsv, toJson } from '../../src/webviews/listEditor/listFormats';
import { formatTemplate, isHostMessage, isPersistedState, isWebviewMessage } from '../../src/webviews/listEditor/protocol';

const r = (value: string, description = '', dns = '', id = `t-${value}`): ListRow => ({ id, value, description, dns });

describe('list editor: rows and entries', () => {
  it('sends an address or a host (never both), and no empty description', () => {
    const entries = rowsToEntries('splitTunnel', [r(' 10.0.0.0/8 ', 'RFC 1918'), r('*.corp.acme.com'), r('fd00::/8', '  ')]);
    assert.deepEqual(entries, [{ address: '10.0.0.0/8', description: 'RFC 1918' }, { host: '*.corp.acme.com' }, { address: 'fd00::/8' }]);
  });

  it('sends fallback DNS servers as an array, and none when empty', () => {
    const entries = rowsToEntries('fallback', [r('corp.acme.com', 'DNS', '10.0.0.53, 10.0.1.53'), r('intranet')]);
    assert.deepEqual(entries, [{ suffix: 'corp.acme.com', description: 'DNS', dns_server: ['10.0.0.53', '10.0.1.53'] }, { suffix: 'intranet' }]);
  });

  it('reads API entries into rows', () => {
    assert.deepEqual({ ...entryToRow({ host: 'a.example.com' }), id: '' }, { id: '', value: 'a.example.com', description: '', dns: '' });
    assert.deepEqual({ ...entryToRow({ suffix: 'x', dns_server: ['1.1.1.1', '8.8.8.8'] }), id: '' }, { id: '', value: 'x', description: '', dns: '1.1.1.1, 8.8.8.8' });
  });

  it('compares lists by value, description and DNS servers, in order', () => {
    const a: ListEntry[] = [{ address: '10.0.0.0/8' }, { host: 'a.com', description: 'x' }];
    assert.ok(sameEntries(a, [{ address: '10.0.0.0/8' }, { host: 'A.com', description: 'x' }]));
    assert.ok(!sameEntries(a, [{ address: '10.0.0.0/8' }, { host: 'a.com', description: 'y' }]));
    assert.ok(!sameEntries(a, [...a].reverse()));
    assert.ok(!sameEntries([{ suffix: 's', dns_server: ['1.1.1.1'] }], [{ suffix: 's' }]));
  });

  it('counts what a remote change added, removed and changed', () => {
    const d = diffEntries([{ address: '10.0.0.0/8' }, { host: 'a.com' }, { host: 'b.com' }], [{ address: '10.0.0.0/8', description: 'now' }, { host: 'c.com' }, { host: 'd.com' }, { host: 'a.com' }]);
    assert.deepEqual([d.added.length, d.removed.length, d.changed.length], [2, 1, 1]);
  });

  it('merges three ways: a deletion on either side stays deleted, their edits are kept, nothing comes back', () => {
    const base: ListEntry[] = [{ address: '10.0.0.0/8', description: 'old' }, { host: 'gone-locally.com' }, { host: 'gone-remotely.com' }, { host: 'edited-remotely.com', description: 'v1' }];
    const local = [r('10.0.0.0/8', 'old'), r('gone-remotely.com'), r('edited-remotely.com', 'v1'), r('new-local.com')];
    const remote: ListEntry[] = [{ address: '10.0.0.0/8', description: 'old' }, { host: 'gone-locally.com' }, { host: 'edited-remotely.com', description: 'v2' }, { host: 'new-remote.com', description: 'r' }];
    const merged = rowsToEntries('splitTunnel', threeWayMerge('splitTunnel', base, local, remote).rows);
    assert.deepEqual(merged, [
      { address: '10.0.0.0/8', description: 'old' },
      { host: 'edited-remotely.com', description: 'v2' },
      { host: 'new-local.com' },
      { host: 'new-remote.com', description: 'r' },
    ]);
  });
});

describe('list editor: text formats', () => {
  it('parses CSV with quotes, commas and newlines inside fields', () => {
    assert.deepEqual(parseCsvRecords('a,"b, c"\r\n"x ""y""",z\n\n"multi\nline",q'), [['a', 'b, c'], ['x "y"', 'z'], ['multi\nline', 'q']]);
  });

  it('takes a pasted list: one entry per line or value,description; skips a header line', () => {
    const rows = parseCsvRows('splitTunnel', 'address_or_host,description\n10.0.0.0/8,RFC 1918\n\n*.corp.acme.com\n  192.168.0.0/16 , home  \n');
    assert.deepEqual(rows.map(x => [x.value, x.description]), [['10.0.0.0/8', 'RFC 1918'], ['*.corp.acme.com', ''], ['192.168.0.0/16', 'home']]);
  });

  it('round-trips CSV and JSON for both kinds of list', () => {
    const split = [r('10.0.0.0/8', 'a, "quoted" one'), r('*.x.com', '')];
    assert.deepEqual(parseCsvRows('splitTunnel', toCsv('splitTunnel', split)).map(x => [x.value, x.description]), [['10.0.0.0/8', 'a, "quoted" one'], ['*.x.com', '']]);
    const fb = [r('corp.acme.com', 'DNS', '10.0.0.53, 10.0.1.53'), r('intranet')];
    assert.equal(toCsv('fallback', fb), 'suffix,description,dns_server\r\ncorp.acme.com,DNS,10.0.0.53 10.0.1.53\r\nintranet,,\r\n');
    const back = parseImport('fallback', toCsv('fallback', fb));
    assert.ok(back.ok);
    assert.deepEqual(rowsToEntries('fallback', back.rows), rowsToEntries('fallback', fb));
    const json = parseImport('fallback', toJson('fallback', fb));
    assert.ok(json.ok);
    assert.deepEqual(rowsToEntries('fallback', json.rows), [{ suffix: 'corp.acme.com', description: 'DNS', dns_server: ['10.0.0.53', '10.0.1.53'] }, { suffix: 'intranet' }]);
  });

  it('CSV export neutralises cells a spreadsheet would run as formulas, and import takes them back unchanged', () => {
    const split = [r('10.0.0.0/8', '=HYPERLINK("http://evil.example","x")'), r('*.x.com', '+1 -2'), r('10.1.0.0/16', '-'), r('10.2.0.0/16', '@SUM(A1)'), r('10.3.0.0/16', "'=already quoted"), r('10.4.0.0/16', "it's fine")];
    const csv = toCsv('splitTunnel', split);
    const lines = csv.split('\r\n');
    assert.equal(lines[1], `10.0.0.0/8,"'=HYPERLINK(""http://evil.example"",""x"")"`);
    assert.equal(lines[2], "*.x.com,'+1 -2");
    assert.equal(lines[3], "10.1.0.0/16,'-");
    assert.equal(lines[4], "10.2.0.0/16,'@SUM(A1)");
    assert.equal(lines[5], "10.3.0.0/16,''=already quoted");
    assert.equal(lines[6], "10.4.0.0/16,it's fine");
    // No cell of the file starts with a formula character.
    for (const cell of parseCsvRecords(csv).flat()) assert.ok(!/^[=+\-@\t\r]/.test(cell), cell);
    assert.deepEqual(parseCsvRows('splitTunnel', csv).map(x => x.description), split.map(x => x.description));
    const fb = [r('corp.acme.com', '-internal-', '10.0.0.53')];
    assert.deepEqual(parseCsvRows('fallback', toCsv('fallback', fb)).map(x => [x.value, x.description, x.dns]), [['corp.acme.com', '-internal-', '10.0.0.53']]);
  });

  it('imports a whole API response, and refuses entries with both address and host', () => {
    const ok = parseImport('splitTunnel', JSON.stringify({ success: true, errors: [], messages: [], result: [{ address: '10.0.0.0/8' }, { host: 'a.com', description: 'x' }] }));
    assert.ok(ok.ok);
    assert.equal(ok.rows.length, 2);
    const bad = parseImport('splitTunnel', '[{"address":"10.0.0.0/8","host":"a.com"},{"description":"nothing"},"str"]');
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map(p => [p.code, p.at]), [['bothAddressAndHost', 1], ['noValue', 2], ['notObject', 3]]);
    const notJson = parseImport('splitTunnel', '[not json');
    assert.ok(!notJson.ok);
    assert.equal(notJson.problems[0].code, 'notJson');
  });
});

describe('list editor: protocol', () => {
  it('accepts well-formed webview messages and refuses the rest', () => {
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'edit', edits: [{ op: 'add', rows: [r('10.0.0.0/8')] }, { op: 'remove', ids: ['a'] }, { op: 'update', row: r('x') }] }));
    assert.ok(isWebviewMessage({ type: 'export', format: 'csv' }));
    assert.ok(isWebviewMessage({ type: 'switchMode', mode: 'include' }));
    for (const bad of [null, 'save', { type: 'nope' }, { type: 'edit', edits: [{ op: 'add', rows: [{ id: 'x', value: 1 }] }] }, { type: 'edit', edits: [{ op: 'drop' }] },
      { type: 'export', format: 'xml' }, { type: 'switchMode', mode: 'both' }, { type: 'paste' }, { type: 'edit', edits: [{ op: 'update', row: { ...r('x'), id: '' } }] }]) {
      assert.ok(!isWebviewMessage(bad), JSON.stringify(bad));
    }
  });

  it('checks host messages and restored state before use', () => {
    const target = { accountId: 'acc', profileName: 'Default', list: 'exclude' };
    assert.ok(isHostMessage({ type: 'state', target, state: { rows: [] }, baseline: null }));
    assert.ok(!isHostMessage({ type: 'state', target: { ...target, list: 'other' }, state: { rows: [] } }));
    assert.ok(isPersistedState({ v: 1, target: { ...target, profileId: 'p1' }, rows: [r('a.com')], baseline: [] }));
    assert.ok(!isPersistedState({ v: 2, target, rows: [], baseline: null }));
    assert.ok(!isPersistedState({ v: 1, target: { ...target, accountId: '' }, rows: [], baseline: null }));
    assert.ok(!isPersistedState({ v: 1, target, rows: [{ id: 'x' }], baseline: null }));
    assert.ok(isPersistedState({ v: 1, target, rows: [], baseline: [], marks: { h1: 'theirsAdded', h2: 'resolved' } }));
    assert.ok(!isPersistedState({ v: 1, target, rows: [], baseline: [], marks: { h1: '<img src=x>' } }));
  });

  it('fills templates from the strings table', () => {
    assert.equal(formatTemplate('Already covered by {0} (row {1}).', ['10.0.0.0/8', 3]), 'Already covered by 10.0.0.0/8 (row 3).');
    assert.equal(formatTemplate('{0} and {2}', ['a']), 'a and {2}');
    // Counts read as the view and the banner write them ("10,000 entries", not "10000 entries").
    assert.equal(formatTemplate('{0} entries', [10000]), `${(10000).toLocaleString()} entries`);
    assert.notEqual((10000).toLocaleString(), '10000', 'this run groups digits, so the line above can fail');
    assert.equal(formatTemplate('{0}', ['10000']), '10000', 'text is left as it is');
  });
});
