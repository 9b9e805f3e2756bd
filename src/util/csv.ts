/**
 * Writing CSV that is safe to open in a spreadsheet (no `vscode` import). Shared by the list editor's
 * export and the device exports, so every CSV this extension writes neutralises formulas the same way.
 */
import { neutraliseCsvCell } from './untrustedText';

/**
 * Export puts a `'` before a cell a spreadsheet would run as a formula (= + - @ tab CR), and one more
 * before a cell that already starts with `'` and such a character; import takes exactly one such `'`
 * off. So an exported file is safe to open in a spreadsheet and imports back to the same text, even a
 * description that really starts with "'=". A lone `'` or one before other text is left alone.
 */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function csvCellOut(s: string): string {
  return NEUTRALISED.test(s) ? `'${s}` : neutraliseCsvCell(s);
}

export function csvCellIn(s: string): string {
  return NEUTRALISED.test(s) ? s.slice(1) : s;
}

/** One field: neutralised, then quoted (RFC 4180) when it holds a quote, comma, line break or edge space. */
export function csvField(raw: string): string {
  const s = csvCellOut(raw);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its CRLF (RFC 4180). */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}
