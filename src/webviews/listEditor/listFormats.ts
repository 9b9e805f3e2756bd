/**
 * Text formats of a list: bulk paste (one entry per line, or CSV "value,description"), CSV files
 * and JSON in the API's shape. Pure (no `vscode`): parsing problems are codes the host puts into words.
 */
import type { ListFlavor } from '../../model/listValidation';
import { entryToRow, rowsToEntries, type ListEntry, type ListRow } from './listData';
import { csvCellIn, csvField } from '../../util/csv';
import { PARSE_SLICE_MS } from './listLimits';
import { mapInSlices as mapItemsInSlices, Slicer } from '../../util/slices';

export type ImportProblemCode = 'notJson' | 'notArray' | 'notObject' | 'bothAddressAndHost' | 'noValue' | 'badField' | 'empty';

export interface ImportProblem {
  code: ImportProblemCode;
  /** 1-based entry or line number; 0 for the file as a whole. */
  at: number;
  /** The field concerned, for badField. */
  field?: string;
}

export type ParseResult = { ok: true; rows: ListRow[] } | { ok: false; problems: ImportProblem[] };

/** Header cells a CSV may start with (ours, and the obvious alternatives); such a first line is skipped. */
const HEADER_CELLS = new Set(['value', 'address', 'host', 'address_or_host', 'address or domain', 'domain', 'suffix', 'entry']);

/**
 * Splits CSV text into records of fields (RFC 4180 quoting; a quoted field may hold commas, quotes and
 * newlines), one record at a time, so a caller can stop and yield between records.
 */
export function* csvRecords(text: string): Generator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const done = (r: string[]) => r.map(f => f.trim());
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      const r = done(record);
      if (r.some(f => f !== '')) yield r;
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    const r = done(record);
    if (r.some(f => f !== '')) yield r;
  }
}

export function parseCsvRecords(text: string): string[][] {
  return [...csvRecords(text)];
}

/** mapInSlices with the list editor's slice length. */
export function mapInSlices<T, U>(items: Iterable<T>, fn: (item: T, index: number) => U): Promise<U[]> {
  return mapItemsInSlices(items, fn, new Slicer(PARSE_SLICE_MS, 32));
}

/**
 * Rows from pasted text or a CSV file: per line `value[,description[,dns servers]]`. A header line
 * is skipped; DNS servers inside one field are separated by spaces or semicolons.
 */
export function parseCsvRows(flavor: ListFlavor, text: string): ListRow[] {
  const records = parseCsvRecords(text);
  if (records.length && HEADER_CELLS.has(records[0][0].toLowerCase())) records.shift();
  return records.map(r => csvRecordToRow(flavor, r));
}

function csvRecordToRow(flavor: ListFlavor, cells: string[]): ListRow {
  const [value = '', description = '', dns = ''] = cells.map(csvCellIn);
  return entryToRow(flavor === 'fallback' ? { suffix: value, description, dns_server: dns ? dns.split(/[\s;,]+/) : [] } : { host: value, description });
}

/** parseCsvRows in slices (see mapInSlices). */
export async function parseCsvRowsAsync(flavor: ListFlavor, text: string): Promise<ListRow[]> {
  const records = await mapInSlices(csvRecords(text), r => r);
  if (records.length && HEADER_CELLS.has(records[0][0].toLowerCase())) records.shift();
  return mapInSlices(records, r => csvRecordToRow(flavor, r));
}

export function toCsv(flavor: ListFlavor, rows: readonly ListRow[]): string {
  const header = flavor === 'fallback' ? ['suffix', 'description', 'dns_server'] : ['address_or_host', 'description'];
  const lines = rows.map(r => {
    const cells = [r.value.trim(), r.description.trim()];
    if (flavor === 'fallback') cells.push(r.dns.split(/[\s,;]+/).filter(Boolean).join(' '));
    return cells.map(csvField).join(',');
  });
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

export function toJson(flavor: ListFlavor, rows: readonly ListRow[]): string {
  return JSON.stringify(rowsToEntries(flavor, rows), null, 2) + '\n';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

function checkEntry(flavor: ListFlavor, e: unknown, at: number): ImportProblem | undefined {
  if (!isObject(e)) return { code: 'notObject', at };
  if (e.description !== undefined && e.description !== null && typeof e.description !== 'string') return { code: 'badField', at, field: 'description' };
  if (flavor === 'fallback') {
    if (typeof e.suffix !== 'string' || e.suffix === '') return { code: 'noValue', at, field: 'suffix' };
    const dns = e.dns_server;
    if (dns !== undefined && dns !== null && (!Array.isArray(dns) || dns.some(s => typeof s !== 'string'))) return { code: 'badField', at, field: 'dns_server' };
    return undefined;
  }
  if (present(e.address) && present(e.host)) return { code: 'bothAddressAndHost', at };
  const value = present(e.address) ? e.address : e.host;
  if (!present(value)) return { code: 'noValue', at, field: 'address' };
  if (typeof value !== 'string') return { code: 'badField', at, field: present(e.address) ? 'address' : 'host' };
  return undefined;
}

/** Rows from JSON in the API's shape: a bare array of entries, or a whole API response (`result`). */
export function parseJsonRows(flavor: ListFlavor, text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ code: 'notJson', at: 0 }] };
  }
  if (isObject(data) && Array.isArray(data.result)) data = data.result;
  if (!Array.isArray(data)) return { ok: false, problems: [{ code: 'notArray', at: 0 }] };
  const problems = data.map((e, i) => checkEntry(flavor, e, i + 1)).filter((p): p is ImportProblem => p !== undefined);
  if (problems.length) return { ok: false, problems };
  return { ok: true, rows: (data as ListEntry[]).map(e => entryToRow(e)) };
}

/** A file's rows by its content: JSON when it starts like JSON, CSV otherwise. */
export function parseImport(flavor: ListFlavor, text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(body)) return parseJsonRows(flavor, body);
  const rows = parseCsvRows(flavor, body);
  return rows.length ? { ok: true, rows } : { ok: false, problems: [{ code: 'empty', at: 0 }] };
}

/** parseImport in slices: the entries are checked and turned into rows a slice at a time. */
export async function parseImportAsync(flavor: ListFlavor, text: string): Promise<ParseResult> {
  const body = text.replace(/^\uFEFF/, '');
  if (!/^\s*[[{]/.test(body)) {
    const rows = await parseCsvRowsAsync(flavor, body);
    return rows.length ? { ok: true, rows } : { ok: false, problems: [{ code: 'empty', at: 0 }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, problems: [{ code: 'notJson', at: 0 }] };
  }
  if (isObject(data) && Array.isArray(data.result)) data = data.result;
  if (!Array.isArray(data)) return { ok: false, problems: [{ code: 'notArray', at: 0 }] };
  const problems = (await mapInSlices(data as unknown[], (e, i) => checkEntry(flavor, e, i + 1))).filter((p): p is ImportProblem => p !== undefined);
  if (problems.length) return { ok: false, problems };
  return { ok: true, rows: await mapInSlices(data as ListEntry[], e => entryToRow(e)) };
}
