// The webview's Save gate: a save asked for while an edit is on its way to the host is honoured
// (the host gets the edit first, on the same ordered channel), not dropped because the host's
// "dirty" answer has not arrived yet.
import { strict as assert } from 'assert';
import { saveEnabled } from '../../src/webviews/listEditor/client/status';
import type { EditorState } from '../../src/webviews/listEditor/protocol';

const clean: EditorState = { phase: 'ready', list: 'exclude', rows: [], dirty: false };
const noProblems = { errors: 0, warnings: 0, rowsWithErrors: 0 };

describe('list editor: Save while an edit is in flight', () => {
  it('allows Save when the host has not yet answered an edit (its state still says clean)', () => {
    assert.equal(saveEnabled(clean, noProblems, false, 1), true);
  });

  it('still refuses Save with nothing to save, with errors, or while the host is busy', () => {
    assert.equal(saveEnabled(clean, noProblems, false, 0), false);
    assert.equal(saveEnabled(clean, { errors: 1, warnings: 0, rowsWithErrors: 1 }, false, 1), false);
    assert.equal(saveEnabled({ ...clean, phase: 'saving' }, noProblems, false, 1), false);
    assert.equal(saveEnabled({ ...clean, phase: 'loading' }, noProblems, false, 1), false);
    assert.equal(saveEnabled({ ...clean, dirty: true }, noProblems, false, 0), true);
  });
});
