import * as vscode from 'vscode';
import type { ProblemCode } from '../../model/listValidation';
import type { ImportProblem } from './listFormats';
import type { ListKind } from './listData';
import type { ListEditorTexts } from './listEditorModel';
import { CLOUDFLARE_RECOMMENDED_ENTRIES, MAX_PASTE_CHARS } from './listLimits';
import type { Strings } from './protocol';

/**
 * Message templates keep their `{n}` placeholders (each passed through as its own argument) so the
 * webview and the host fill them the same way. Every call names vscode.l10n.t with the literal, so
 * @vscode/l10n-dev extracts it (an alias would hide it).
 */
const KEEP_PLACEHOLDERS = ['{0}', '{1}', '{2}', '{3}'] as const;

function problemTemplates(): Record<ProblemCode, string> {
  return {
    emptyValue: vscode.l10n.t('Enter a value.'),
    notAddressOrDomain: vscode.l10n.t('"{0}" is not an IP address, CIDR or domain.', ...KEEP_PLACEHOLDERS),
    badPrefix: vscode.l10n.t('"{0}": /{1} is too long for IPv{2} (at most /{3}).', ...KEEP_PLACEHOLDERS),
    badDomain: vscode.l10n.t('"{0}" is not a domain name.', ...KEEP_PLACEHOLDERS),
    domainTooLong: vscode.l10n.t('"{0}" is longer than 253 characters.', ...KEEP_PLACEHOLDERS),
    labelTooLong: vscode.l10n.t('"{0}": the label "{1}" is longer than 63 characters.', ...KEEP_PLACEHOLDERS),
    labelCharacters: vscode.l10n.t('"{0}": the label "{1}" may hold only letters, digits and hyphens (use the xn-- form for other scripts).', ...KEEP_PLACEHOLDERS),
    labelHyphen: vscode.l10n.t('"{0}": the label "{1}" must not start or end with a hyphen.', ...KEEP_PLACEHOLDERS),
    emptyLabel: vscode.l10n.t('"{0}" has an empty label (two dots in a row, or a dot at the start or end).', ...KEEP_PLACEHOLDERS),
    wildcardPosition: vscode.l10n.t('"{0}": a wildcard is allowed only as a leading "*.".', ...KEEP_PLACEHOLDERS),
    suffixWildcard: vscode.l10n.t('"{0}": a suffix takes no wildcard; it already covers its subdomains.', ...KEEP_PLACEHOLDERS),
    badDnsServer: vscode.l10n.t('DNS server "{0}" is not an IP address.', ...KEEP_PLACEHOLDERS),
    duplicate: vscode.l10n.t('Duplicate of {0} (row {1}).', ...KEEP_PLACEHOLDERS),
    coveredBy: vscode.l10n.t('Already covered by {0} (row {1}).', ...KEEP_PLACEHOLDERS),
    hostBits: vscode.l10n.t('{0} has host bits set; Cloudflare treats it as {1}.', ...KEEP_PLACEHOLDERS),
    duplicateDnsServer: vscode.l10n.t('DNS server {0} is listed twice.', ...KEEP_PLACEHOLDERS),
  };
}

export function listEditorStrings(): Strings {
  return {
    modeLabel: vscode.l10n.t('Mode:'),
    modeExclude: vscode.l10n.t('Exclude listed routes'),
    modeInclude: vscode.l10n.t('Include only listed routes'),
    titleExclude: vscode.l10n.t('{0} — Split Tunnel (Exclude)', ...KEEP_PLACEHOLDERS),
    titleInclude: vscode.l10n.t('{0} — Split Tunnel (Include)', ...KEEP_PLACEHOLDERS),
    titleFallback: vscode.l10n.t('{0} — Local Domain Fallback', ...KEEP_PLACEHOLDERS),
    switchNoteExclude: vscode.l10n.t('The profile uses Include mode: saving this Exclude list switches it to Exclude mode.'),
    switchNoteInclude: vscode.l10n.t('The profile uses Exclude mode: saving this Include list switches it to Include mode.'),
    import: vscode.l10n.t('Import…'),
    exportJson: vscode.l10n.t('Export JSON…'),
    exportCsv: vscode.l10n.t('Export CSV…'),
    paste: vscode.l10n.t('Paste…'),
    testRoutes: vscode.l10n.t('Test Routes…'),
    testRoutesTitle: vscode.l10n.t('Does an address or hostname go through WARP with these rows? Unsaved changes included; nothing is sent to Cloudflare.'),
    search: vscode.l10n.t('Search'),
    countEntries: vscode.l10n.t('{0} entries', ...KEEP_PLACEHOLDERS),
    countEntry: vscode.l10n.t('1 entry'),
    countShown: vscode.l10n.t('{0} of {1} shown', ...KEEP_PLACEHOLDERS),
    countErrors: vscode.l10n.t('{0} errors', ...KEEP_PLACEHOLDERS),
    countError: vscode.l10n.t('1 error'),
    countWarnings: vscode.l10n.t('{0} warnings', ...KEEP_PLACEHOLDERS),
    countWarning: vscode.l10n.t('1 warning'),
    colValue: vscode.l10n.t('Address or domain'),
    colSuffix: vscode.l10n.t('Domain suffix'),
    colDns: vscode.l10n.t('DNS servers'),
    colDescription: vscode.l10n.t('Description'),
    colActions: vscode.l10n.t('Actions'),
    addEntry: vscode.l10n.t('Add entry'),
    removeEntry: vscode.l10n.t('Remove entry'),
    editEntry: vscode.l10n.t('Edit entry'),
    commit: vscode.l10n.t('Apply'),
    save: vscode.l10n.t('Save'),
    revert: vscode.l10n.t('Revert'),
    saving: vscode.l10n.t('Saving…'),
    loading: vscode.l10n.t('Loading the list from Cloudflare…'),
    unsaved: vscode.l10n.t('Unsaved changes'),
    emptyList: vscode.l10n.t('No entries. Add one, paste a list or import a file.'),
    noMatches: vscode.l10n.t('No entries match "{0}".', ...KEEP_PLACEHOLDERS),
    saveBlocked: vscode.l10n.t('Fix the rows marked with an error to save ({0}).', ...KEEP_PLACEHOLDERS),
    pasteTitle: vscode.l10n.t('Paste entries'),
    pasteHintSplit: vscode.l10n.t('One entry per line, or CSV: address or domain,description'),
    pasteHintFallback: vscode.l10n.t('One suffix per line, or CSV: suffix,description,DNS servers (separated by spaces)'),
    pasteAdd: vscode.l10n.t('Add entries'),
    cancel: vscode.l10n.t('Cancel'),
    placeholderValue: vscode.l10n.t('10.0.0.0/8 or *.example.com'),
    placeholderSuffix: vscode.l10n.t('corp.example.com'),
    placeholderDns: vscode.l10n.t('10.0.0.53, 10.0.1.53'),
    placeholderDescription: vscode.l10n.t('Description (optional)'),
    loadFailed: vscode.l10n.t('Could not load the list: {0}', ...KEEP_PLACEHOLDERS),
    retry: vscode.l10n.t('Retry'),
    keyboardHelp: vscode.l10n.t('Enter: edit · Delete: remove · Ctrl+S: save'),
    problemError: vscode.l10n.t('Error'),
    problemWarning: vscode.l10n.t('Warning'),
    overRecommended: vscode.l10n.t('{0} entries: Cloudflare allows {1} Split Tunnel and Local Domain Fallback entries combined per device profile, and recommends keeping the lists short (each entry slows the WARP client).', '{0}', CLOUDFLARE_RECOMMENDED_ENTRIES.toLocaleString()),
    pasteTooLarge: vscode.l10n.t('That text is too large to paste: at most {0} characters. Import it from a file instead.', MAX_PASTE_CHARS.toLocaleString()),
    markTheirsAdded: vscode.l10n.t('Added on Cloudflare (merged)'),
    markTheirsChanged: vscode.l10n.t('Changed on Cloudflare (merged)'),
    markResolved: vscode.l10n.t('Conflict settled by your choice'),
    problems: problemTemplates(),
  };
}

/** The notices of the model (ListEditorModel), in words. */
export function listEditorTexts(heading: () => string): ListEditorTexts {
  return {
    loadFailed: reason => vscode.l10n.t('Could not load the list: {0}', reason),
    saveBlocked: errors => (errors === 1 ? vscode.l10n.t('Fix the rows marked with an error to save (1 error).') : vscode.l10n.t('Fix the rows marked with an error to save ({0} errors).', errors)),
    saved: count => (count === 1 ? vscode.l10n.t('Saved 1 entry to Cloudflare.') : vscode.l10n.t('Saved {0} entries to Cloudflare.', count)),
    saveFailed: reason => vscode.l10n.t('Could not save {0}: {1} Your edits are kept.', heading(), reason),
    reviewHint: () => vscode.l10n.t('Compare the two versions, then save again to choose.'),
    merged: r => {
      const marks = Object.values(r.marks);
      return vscode.l10n.t(
        'Merged with the changes made on Cloudflare: {0} added, {1} changed and {2} deleted by them, {3} conflicts settled. Nothing is sent yet: review the marked rows, then Save.',
        marks.filter(m => m === 'theirsAdded').length,
        marks.filter(m => m === 'theirsChanged').length,
        r.theirsDeleted.length,
        r.conflicts.length,
      );
    },
    tooManyRows: limit => vscode.l10n.t('Not added: an editor holds at most {0} entries.', limit.toLocaleString()),
  };
}

/** "Engineering — Split Tunnel (Exclude)". */
export function listTitle(profileName: string, list: ListKind): string {
  switch (list) {
    case 'exclude':
      return vscode.l10n.t('{0} — Split Tunnel (Exclude)', profileName);
    case 'include':
      return vscode.l10n.t('{0} — Split Tunnel (Include)', profileName);
    case 'fallback_domains':
      return vscode.l10n.t('{0} — Local Domain Fallback', profileName);
  }
}

export function modeName(mode: 'include' | 'exclude'): string {
  return mode === 'include' ? vscode.l10n.t('Include') : vscode.l10n.t('Exclude');
}

export function describeImportProblem(p: ImportProblem): string {
  switch (p.code) {
    case 'notJson':
      return vscode.l10n.t('The file is not valid JSON.');
    case 'notArray':
      return vscode.l10n.t('The JSON is not a list of entries (an array, or an API response with "result").');
    case 'notObject':
      return vscode.l10n.t('Entry {0} is not an object.', p.at);
    case 'bothAddressAndHost':
      return vscode.l10n.t('Entry {0} has both an address and a host; an entry takes one of them.', p.at);
    case 'noValue':
      return vscode.l10n.t('Entry {0} has no {1}.', p.at, p.field ?? '');
    case 'badField':
      return vscode.l10n.t('Entry {0}: {1} has the wrong type.', p.at, p.field ?? '');
    case 'empty':
      return vscode.l10n.t('The file holds no entries.');
  }
}
