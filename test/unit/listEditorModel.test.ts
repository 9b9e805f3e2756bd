// ListEditorModel alone (no VS Code): load, edits, the save state machine, the merge flow and the
// Split Tunnel mode switch, with a fake of the API and of the user's choices.
import { strict as assert } from 'assert';
import type { ListEntry, ListRow } from '../../src/webviews/listEditor/listData';
import { ListEditorModel, type ConflictChoice, type ListEditorIO } from '../../src/webviews/listEditor/listEditorModel';
import { MAX_ROWS } from '../../src/webviews/listEditor/listLimits';
import type { MergeConflict, Resolution } from '../../src/webviews/listEditor/listMerge';
import type { ListTarget, SplitTunnelMode } from '../../src/webviews/listEditor/protocol';

const row = (value: string, description = ''): ListRow => ({ id: `u-${value}`, value, description, dns: '' });
const target: ListTarget = { accountId: 'acc', profileId: 'p1', profileName: 'Engineering', list: 'exclude' };

/** A Cloudflare that holds one list, records every write, and answers the dialogs from a script. */
class FakeCloudflare {
  remote: ListEntry[];
  mode: SplitTunnelMode | undefined = 'exclude';
  writes: { entries: ListEntry[]; switchMode: boolean }[] = [];
  fetches = 0;
  choices: (ConflictChoice | undefined)[] = [];
  answers: Record<string, Resolution> | undefined = {};
  asked: MergeConflict[][] = [];
  /** Runs after the n-th fetch (1-based): another admin changing the list meanwhile. */
  afterFetch: Record<number, () => void> = {};

  constructor(initial: ListEntry[]) {
    this.remote = structuredClone(initial);
  }

  io(): ListEditorIO {
    return {
      fetch: async () => {
        const answer = structuredClone(this.remote);
        this.fetches += 1;
        this.afterFetch[this.fetches]?.();
        return answer;
      },
      fetchMode: async () => this.mode,
      write: async (_t, entries, switchMode) => {
        this.writes.push({ entries: structuredClone(entries), switchMode });
        this.remote = structuredClone(entries);
        return structuredClone(entries);
      },
      askConflict: async () => this.choices.shift(),
      resolveConflicts: async conflicts => {
        this.asked.push([...conflicts]);
        return this.answers;
      },
      showDiff: async () => undefined,
      describeError: err => String(err),
      texts: {
        loadFailed: r => `load failed: ${r}`,
        saveBlocked: n => `blocked ${n}`,
        saved: n => `saved ${n}`,
        saveFailed: r => `failed: ${r}`,
        reviewHint: () => 'review',
        merged: m => `merged ${m.conflicts.length}`,
        tooManyRows: n => `at most ${n}`,
      },
      log: () => undefined,
      onSaved: () => undefined,
    };
  }
}

async function opened(initial: ListEntry[]): Promise<{ cf: FakeCloudflare; model: ListEditorModel }> {
  const cf = new FakeCloudflare(initial);
  const model = new ListEditorModel(target, cf.io());
  await model.whenLoaded();
  assert.equal(model.state.phase, 'ready');
  return { cf, model };
}

const initial: ListEntry[] = [{ address: '10.0.0.0/8' }, { host: 'bypass.example.com', description: 'lets traffic bypass WARP' }, { host: 'docs.example.com', description: 'v1' }];

describe('ListEditorModel', () => {
  it('saves edits after fetching the list again, and is clean afterwards', async () => {
    const { cf, model } = await opened(initial);
    model.applyEdits([{ op: 'add', rows: [row('192.0.2.0/24', 'lab')] }]);
    assert.ok(model.dirty);
    assert.equal(await model.save(), 'saved');
    assert.equal(cf.fetches, 2);
    assert.deepEqual(cf.writes.map(w => w.entries.length), [4]);
    assert.equal(model.dirty, false);
  });

  it('merge: shows the three-way result, marked, and sends NOTHING until the next save', async () => {
    const { cf, model } = await opened(initial);
    model.applyEdits([{ op: 'add', rows: [row('198.51.100.0/24', 'mine')] }]);
    // another admin deletes the bypass entry and edits a description
    cf.remote = [{ address: '10.0.0.0/8' }, { host: 'docs.example.com', description: 'v2 (theirs)' }];
    cf.choices = ['merge'];
    assert.equal(await model.save(), 'merged');
    assert.equal(cf.writes.length, 0, 'nothing sent by the merge');
    assert.deepEqual(model.entries, [{ address: '10.0.0.0/8' }, { host: 'docs.example.com', description: 'v2 (theirs)' }, { address: '198.51.100.0/24', description: 'mine' }]);
    assert.deepEqual(Object.values(model.state.marks ?? {}), ['theirsChanged']);
    assert.ok(model.dirty);
    assert.deepEqual(model.snapshot().marks, model.state.marks, 'marks survive a window reload');
    assert.equal(await model.save(), 'saved');
    assert.deepEqual(cf.writes[0].entries, model.entries);
    assert.ok(!cf.writes[0].entries.some(e => 'host' in e && e.host === 'bypass.example.com'), 'the deleted entry is not resurrected');
    assert.deepEqual(model.state.marks, {});
  });

  it('merge: asks only about real conflicts, and a cancelled question changes nothing', async () => {
    const { cf, model } = await opened(initial);
    const docs = model.rows[2];
    model.applyEdits([{ op: 'update', row: { ...docs, description: 'v2 (mine)' } }]);
    cf.remote = [{ address: '10.0.0.0/8' }, { host: 'bypass.example.com', description: 'lets traffic bypass WARP' }, { host: 'docs.example.com', description: 'v2 (theirs)' }, { host: 'new.example.com' }];
    const before = model.entries;
    cf.choices = ['merge'];
    cf.answers = undefined;
    assert.equal(await model.save(), 'cancelled');
    assert.deepEqual(cf.asked.map(a => a.map(c => `${c.kind}:${c.key}`)), [['bothChanged:docs.example.com']]);
    assert.deepEqual(model.entries, before);
    cf.choices = ['merge'];
    cf.answers = { 'docs.example.com': 'theirs' };
    assert.equal(await model.save(), 'merged');
    assert.deepEqual(model.entries.slice(2), [{ host: 'docs.example.com', description: 'v2 (theirs)' }, { host: 'new.example.com' }]);
    assert.equal(cf.writes.length, 0);
  });

  it('saving a merge starts over when the list moved again meanwhile (fetched right before the PUT)', async () => {
    const { cf, model } = await opened(initial);
    model.applyEdits([{ op: 'add', rows: [row('198.51.100.0/24')] }]);
    cf.remote = [...initial, { host: 'first.example.com' }];
    cf.choices = ['merge'];
    assert.equal(await model.save(), 'merged');
    cf.remote = [...cf.remote, { host: 'second.example.com' }];
    cf.choices = ['merge'];
    assert.equal(await model.save(), 'merged', 'a second conflict round, not a blind PUT');
    assert.equal(cf.writes.length, 0);
    assert.equal(await model.save(), 'saved');
    assert.deepEqual(cf.writes[0].entries.map(e => (e as { host?: string; address?: string }).host ?? (e as { address?: string }).address), ['10.0.0.0/8', 'bypass.example.com', 'docs.example.com', '198.51.100.0/24', 'first.example.com', 'second.example.com']);
  });

  it('Overwrite and Reload Theirs; a cancelled choice keeps the edits and sends nothing', async () => {
    const { cf, model } = await opened(initial);
    model.applyEdits([{ op: 'remove', ids: [model.rows[0].id] }]);
    cf.remote = [...initial, { host: 'theirs.example.com' }];
    cf.choices = [undefined];
    assert.equal(await model.save(), 'cancelled');
    assert.equal(cf.writes.length, 0);
    assert.ok(model.dirty);
    cf.choices = ['overwrite'];
    const mine = model.entries;
    assert.equal(await model.save(), 'saved');
    assert.deepEqual(cf.writes[0].entries, mine);
    cf.remote = [{ host: 'only.example.com' }];
    model.applyEdits([{ op: 'add', rows: [row('203.0.113.9')] }]);
    cf.choices = ['reload'];
    assert.equal(await model.save(), 'reloaded');
    assert.deepEqual(model.entries, [{ host: 'only.example.com' }]);
    assert.equal(cf.writes.length, 1);
  });

  it('refuses a save while a row has an error, and edits that would pass the row limit', async () => {
    const { cf, model } = await opened(initial);
    model.applyEdits([{ op: 'add', rows: [row('300.1.1.1')] }]);
    assert.equal(await model.save(), 'blocked');
    assert.equal(cf.fetches, 1);
    const many = Array.from({ length: MAX_ROWS }, (_, i) => row(`h${i}.example.com`));
    const before = model.rows.length;
    assert.equal(model.applyEdits([{ op: 'add', rows: many }]), false);
    assert.equal(model.rows.length, before);
    assert.equal(model.state.notice?.text, `at most ${MAX_ROWS}`);
  });

  it('switching Split Tunnel mode asks the write to switch the profile; saving in the same mode does not', async () => {
    const { cf, model } = await opened(initial);
    model.retarget('include', [], model.rows.map(r => ({ ...r })));
    cf.remote = []; // from here the fake holds the include list, empty (the inactive list)
    assert.equal(await model.save(), 'saved');
    assert.deepEqual(cf.writes.map(w => w.switchMode), [true]);
    assert.equal(model.profileMode, 'include');
    model.applyEdits([{ op: 'add', rows: [row('192.0.2.1')] }]);
    assert.equal(await model.save(), 'saved');
    assert.deepEqual(cf.writes.map(w => w.switchMode), [true, false]);
  });

  it('tells the listener whether the rows changed, so the panel can answer an edit with a small status', async () => {
    const { model } = await opened(initial);
    const seen: boolean[] = [];
    model.onDidChange(rows => seen.push(rows));
    model.applyEdits([{ op: 'add', rows: [row('300.1.1.1')] }]);
    await model.save();
    assert.deepEqual(seen, [true, false]);
  });
});
