/**
 * Markdown escaping for the explain/test reports. Local to them until the shared escaper in util/
 * lands (then these two should be replaced by it): everything from the API is untrusted text.
 */

/** Text that renders as itself: emphasis, code, links, HTML, headings, table cells and line breaks neutralised. */
export function escapeReportMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** A code span that holds any text: a fence longer than any run of backticks inside it. */
export function reportCodeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  // A `|` ends a table cell even inside a code span: escape it (GFM allows \| there).
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}
