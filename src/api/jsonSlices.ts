/**
 * JSON.parse of a large API answer in slices (#17 item 1). A page of 1,000 devices or registrations
 * is 600–800 KB of JSON; one JSON.parse of it is a single task of 5–45 ms on the extension host (the
 * longest stalls left in the 100,000-device listing), and it cannot be interrupted. Here the envelope's
 * top-level `"result": [...]` array is found by a scan that only follows strings and brackets, each of
 * its items is parsed on its own with JSON.parse, between slices, and the rest of the envelope is parsed
 * with the array left empty. The value is the one JSON.parse gives; anything the scan does not expect
 * (no such array, the key twice or escaped, text after the envelope) is parsed whole, and JSON that is
 * not valid throws as JSON.parse throws (each piece is parsed by JSON.parse itself).
 */
import { SLICE_MS, Slicer } from '../util/slices';

/** Where the `result` array and each of its items lie in the text. */
export interface Split {
  /** `[` and one past `]` of the result array. */
  open: number;
  close: number;
  /** Start and end (exclusive, whitespace trimmed) of each item. */
  items: number[];
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** One past the closing quote of the string opening at `i`, or -1. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let k = q - 1; k > i && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * One past the end of the value starting at `i` (a string, or anything up to the `,`, `}` or `]` that
 * closes it at its own depth), or -1. Does not check the value: JSON.parse does that later.
 */
function valueEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      j = stringEnd(text, j);
      if (j < 0) return -1;
      if (depth === 0) return j;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return j;
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === COMMA && depth === 0) return j;
    j++;
  }
  return depth === 0 ? j : -1;
}

/** The items of the envelope's top-level `result` array, or undefined when the text is not shaped so (exported for tests). */
export function splitResult(text: string): Split | undefined {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  i = skipSpace(text, i + 1);
  let split: Split | undefined;
  let results = 0;
  if (text.charCodeAt(i) === CLOSE_BRACE) return undefined;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = text.slice(i + 1, keyEnd - 1);
    // An escaped key could spell "result" too: parse such an envelope whole.
    if (key.includes('\\')) return undefined;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return undefined;
    i = skipSpace(text, i + 1);
    if (key === 'result') {
      results++;
      if (text.charCodeAt(i) === OPEN_BRACKET) {
        split = items(text, i);
        if (!split) return undefined;
        i = split.close;
      } else {
        i = valueEnd(text, i);
      }
    } else {
      i = valueEnd(text, i);
    }
    if (i < 0) return undefined;
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (c !== CLOSE_BRACE) return undefined;
    // Only whitespace may follow; the key once (JSON.parse keeps the last of several).
    return skipSpace(text, i + 1) === text.length && results === 1 ? split : undefined;
  }
}

/** The items of the array opening at `open`. */
function items(text: string, open: number): Split | undefined {
  const bounds: number[] = [];
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return { open, close: i + 1, items: bounds };
  for (;;) {
    const start = i;
    const end = valueEnd(text, i);
    if (end < 0 || end === start) return undefined;
    bounds.push(start, end);
    i = skipSpace(text, end);
    const c = text.charCodeAt(i);
    if (c === CLOSE_BRACKET) return { open, close: i + 1, items: bounds };
    if (c !== COMMA) return undefined;
    i = skipSpace(text, i + 1);
  }
}

/** Items are large (a device is ~600 characters): the slicer reads the clock every 16. */
export const ITEMS_PER_CLOCK_READ = 16;

/**
 * `JSON.parse(text)`, giving the event loop back between slices while the items of a top-level
 * `result` array are parsed. Throws what JSON.parse throws for text that is not JSON.
 */
export async function parseJsonInSlices(text: string, slicer = new Slicer(SLICE_MS, ITEMS_PER_CLOCK_READ)): Promise<unknown> {
  const split = splitResult(text);
  if (!split || split.items.length < 2) return JSON.parse(text);
  const result = new Array<unknown>(split.items.length / 2);
  try {
    for (let k = 0; k < split.items.length; k += 2) {
      if (slicer.due(k / 2)) await slicer.pause();
      result[k / 2] = JSON.parse(text.slice(split.items[k], split.items[k + 1]));
    }
  } catch {
    return JSON.parse(text); // the whole text is not JSON either: throw JSON.parse's own error
  }
  const envelope = JSON.parse(`${text.slice(0, split.open)}[]${text.slice(split.close)}`) as Record<string, unknown>;
  envelope.result = result;
  return envelope;
}
