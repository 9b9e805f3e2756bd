/**
 * The list editor's messages, both directions, and the state the webview keeps with setState.
 * Imported by the panel (extension host) and by the webview script; no `vscode` import here.
 */
import type { ProblemCode } from '../../model/listValidation';
import type { ListEntry, ListKind, ListRow } from './listData';
import type { MergeMark } from './listMerge';

export type { ListEntry, ListKind, ListRow } from './listData';

export const LIST_EDITOR_VIEW_TYPE = 'warpFleet.listEditor';

/** Which list of which profile an editor edits. `profileId` is undefined for the default profile. */
export interface ListTarget {
  accountId: string;
  profileId?: string;
  profileName: string;
  list: ListKind;
}

export type SplitTunnelMode = 'include' | 'exclude';

export interface EditorState {
  phase: 'loading' | 'ready' | 'saving' | 'loadFailed';
  list: ListKind;
  rows: ListRow[];
  dirty: boolean;
  /** Split Tunnel: the mode the profile uses on Cloudflare (the list devices follow). */
  profileMode?: SplitTunnelMode;
  /** The last failure or outcome, in words (a failed save says why). */
  notice?: { severity: 'error' | 'info'; text: string };
  /** Rows a merge took from Cloudflare or settled by a choice, by row id: marked until saved. */
  marks?: Record<string, MergeMark>;
}

/** Everything of the state but the rows: what the host answers to an edit the webview already shows. */
export type EditorStatus = Omit<EditorState, 'rows'>;

export type ListEdit =
  | { op: 'add'; rows: ListRow[] }
  | { op: 'update'; row: ListRow }
  | { op: 'remove'; ids: string[] };

/** `baseline` travels with the state only so the webview can persist it (see PersistedState). */
export type HostMessage =
  | { type: 'init'; strings: Strings; target: ListTarget; state: EditorState; baseline: ListEntry[] | null }
  | { type: 'state'; target: ListTarget; state: EditorState; baseline: ListEntry[] | null }
  /** After an edit from the webview: a few hundred bytes instead of the whole list. */
  | { type: 'status'; status: EditorStatus };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'edit'; edits: ListEdit[] }
  | { type: 'save' }
  | { type: 'revert' }
  | { type: 'reload' }
  | { type: 'switchMode'; mode: SplitTunnelMode }
  | { type: 'paste'; text: string }
  /** "Test before you save": the host tests routes against its rows (the edits arrived first). */
  | { type: 'testRoutes' }
  | { type: 'import' }
  | { type: 'export'; format: 'json' | 'csv' };

/** What the webview stores with setState: enough to rebuild the editor after a window reload. */
export interface PersistedState {
  v: 1;
  target: ListTarget;
  rows: ListRow[];
  /** The remote list as last loaded, to detect a change made elsewhere; null before the first load. */
  baseline: ListEntry[] | null;
  marks?: Record<string, MergeMark>;
  search?: string;
  /** A row being typed, not yet committed. */
  draft?: ListRow & { isNew: boolean };
}

/** Every string the webview shows; the host fills it with vscode.l10n.t. */
export type StringKey =
  | 'titleExclude' | 'titleInclude' | 'titleFallback'
  | 'modeLabel' | 'modeExclude' | 'modeInclude' | 'switchNoteExclude' | 'switchNoteInclude'
  | 'import' | 'exportJson' | 'exportCsv' | 'paste' | 'testRoutes' | 'testRoutesTitle' | 'search'
  | 'countEntries' | 'countEntry' | 'countShown' | 'countErrors' | 'countError' | 'countWarnings' | 'countWarning'
  | 'colValue' | 'colSuffix' | 'colDns' | 'colDescription' | 'colActions'
  | 'addEntry' | 'removeEntry' | 'editEntry' | 'save' | 'revert' | 'saving' | 'loading' | 'unsaved'
  | 'emptyList' | 'noMatches' | 'saveBlocked' | 'pasteTitle' | 'pasteHintSplit' | 'pasteHintFallback' | 'pasteAdd' | 'cancel'
  | 'placeholderValue' | 'placeholderSuffix' | 'placeholderDns' | 'placeholderDescription'
  | 'loadFailed' | 'retry' | 'keyboardHelp' | 'problemError' | 'problemWarning' | 'commit'
  | 'overRecommended' | 'pasteTooLarge' | 'markTheirsAdded' | 'markTheirsChanged' | 'markResolved';

export type Strings = Record<StringKey, string> & { problems: Record<ProblemCode, string> };

/**
 * Fills `{0}`, `{1}`… in a template from the strings table; numbers are written as the host writes
 * them (toLocaleString: "10,000 entries", as the view and the editor's banner say).
 */
export function formatTemplate(template: string, args: readonly (string | number)[]): string {
  const text = (a: string | number) => (typeof a === 'number' ? a.toLocaleString() : a);
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? text(args[Number(i)]) : m));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

export function isListKind(v: unknown): v is ListKind {
  return v === 'exclude' || v === 'include' || v === 'fallback_domains';
}

export function isListRow(v: unknown): v is ListRow {
  return isObject(v) && isString(v.id) && v.id !== '' && isString(v.value) && isString(v.description) && isString(v.dns);
}

export function isListTarget(v: unknown): v is ListTarget {
  return isObject(v) && isString(v.accountId) && v.accountId !== '' && isString(v.profileName) && isListKind(v.list)
    && (v.profileId === undefined || (isString(v.profileId) && v.profileId !== ''));
}

function isListEdit(v: unknown): v is ListEdit {
  if (!isObject(v)) return false;
  switch (v.op) {
    case 'add':
      return Array.isArray(v.rows) && v.rows.every(isListRow);
    case 'update':
      return isListRow(v.row);
    case 'remove':
      return Array.isArray(v.ids) && v.ids.every(isString);
    default:
      return false;
  }
}

/** The host checks every message from the webview: its content is not trusted to be well formed. */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'save':
    case 'revert':
    case 'reload':
    case 'testRoutes':
    case 'import':
      return true;
    case 'edit':
      return Array.isArray(v.edits) && v.edits.every(isListEdit);
    case 'switchMode':
      return v.mode === 'include' || v.mode === 'exclude';
    case 'paste':
      return isString(v.text);
    case 'export':
      return v.format === 'json' || v.format === 'csv';
    default:
      return false;
  }
}

export function isHostMessage(v: unknown): v is HostMessage {
  if (isObject(v) && v.type === 'status') return isObject(v.status) && isListKind(v.status.list);
  return isObject(v) && (v.type === 'init' || v.type === 'state') && isListTarget(v.target) && isObject(v.state) && Array.isArray(v.state.rows);
}

const MARKS: readonly unknown[] = ['theirsAdded', 'theirsChanged', 'resolved'] satisfies MergeMark[];

function isMarks(v: unknown): v is Record<string, MergeMark> {
  return isObject(v) && Object.values(v).every(m => MARKS.includes(m));
}

/** State restored after a window reload comes from disk: check it before trusting it. */
export function isPersistedState(v: unknown): v is PersistedState {
  return isObject(v) && v.v === 1 && isListTarget(v.target) && Array.isArray(v.rows) && v.rows.every(isListRow)
    && (v.baseline === null || Array.isArray(v.baseline)) && (v.marks === undefined || isMarks(v.marks));
}
