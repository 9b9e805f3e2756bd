/** The counts line above the table and the footer's buttons and status. */
import type { ProblemCounts } from '../../../model/listValidation';
import { formatTemplate, type EditorState, type Strings } from '../protocol';
import type { Layout } from './layout';

function errorsText(strings: Strings, n: number): string {
  return n === 1 ? strings.countError : formatTemplate(strings.countErrors, [n]);
}

/** "42 entries · 3 of 42 shown · 1 error · 2 warnings" */
export function renderCounts(l: Layout, strings: Strings, total: number, shown: number, filtered: boolean, c: ProblemCounts): void {
  const parts = [total === 1 ? strings.countEntry : formatTemplate(strings.countEntries, [total])];
  if (filtered) parts.push(formatTemplate(strings.countShown, [shown, total]));
  if (c.errors) parts.push(errorsText(strings, c.errors));
  if (c.warnings) parts.push(c.warnings === 1 ? strings.countWarning : formatTemplate(strings.countWarnings, [c.warnings]));
  l.counts.textContent = parts.join(' · ');
}

/**
 * Save is refused (and says why) while a row has an error; warnings do not block. An edit the host
 * has not answered yet counts as a change: the host's `dirty` is still the old one, but the save
 * message follows the edit on the same ordered channel, so the host applies the edit before it saves.
 */
export function saveEnabled(state: EditorState, c: ProblemCounts, switching: boolean, editsInFlight: number): boolean {
  return state.phase === 'ready' && c.errors === 0 && (state.dirty || switching || editsInFlight > 0);
}

export function renderFooter(l: Layout, strings: Strings, state: EditorState, c: ProblemCounts, switching: boolean, editsInFlight: number): void {
  const busy = state.phase !== 'ready';
  l.save.disabled = !saveEnabled(state, c, switching, editsInFlight);
  l.revert.disabled = busy || !state.dirty;
  l.add.disabled = state.phase === 'loading' || state.phase === 'loadFailed';
  l.save.querySelector('span.label')!.textContent = state.phase === 'saving' ? strings.saving : strings.save;
  l.status.textContent = c.errors ? formatTemplate(strings.saveBlocked, [errorsText(strings, c.errors)]) : '';
}
