/**
 * Writes over many ids, sent as a series of chunks, each reported: which ids certainly changed,
 * which certainly did not, and which were sent without an answer (`outcomeUnknown`, to be read back).
 */
import { CloudflareApiError, InvalidInputError, type IdKind } from './errors';

/** Ids per chunk for endpoints that take them in the query (`?id=a&id=b`). */
export const MAX_QUERY_IDS = 50;
/**
 * Longest query string a chunk may make. URLs past ~8 KB are refused by many proxies and servers;
 * 2,000 characters keeps a chunk well under any limit with the path in front.
 */
export const MAX_QUERY_CHARS = 2000;

export interface ChunkOptions {
  signal?: AbortSignal;
  /** After each chunk: ids handled so far (whatever the outcome) and in all. */
  onChunk?: (done: number, total: number) => void;
}

export interface ChunkFailure {
  ids: string[];
  error: unknown;
}

export interface ChunkedOutcome {
  /** Certainly applied. */
  succeeded: string[];
  /** Certainly not applied (the API refused, or the run was cancelled before the chunk was sent). */
  failed: ChunkFailure[];
  /**
   * Sent, and no answer says what happened (timeout, dropped connection, gateway error): may have
   * been applied. Read these back; never report them as unchanged.
   */
  unknown: ChunkFailure[];
}

/** Refuses empty or blank ids before anything is sent. */
export function checkIds(ids: readonly string[], what: IdKind = 'id'): void {
  const bad = ids.find(id => typeof id !== 'string' || !id.trim() || id === '.' || id === '..');
  if (bad !== undefined) throw new InvalidInputError({ code: 'blankId', value: String(bad), what }, `Invalid ${what} id: ${JSON.stringify(bad)}.`);
}

/** Splits ids into chunks of at most MAX_QUERY_IDS whose `id=…&id=…` query stays under MAX_QUERY_CHARS. */
export function chunkIdsForQuery(ids: readonly string[], maxIds = MAX_QUERY_IDS, maxChars = MAX_QUERY_CHARS): string[][] {
  checkIds(ids);
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of new Set(ids)) {
    const cost = 4 + encodeURIComponent(id).length; // "id=" + value + "&"
    if (current.length && (current.length >= maxIds || chars + cost > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Sends the chunks one after another. A cancelled run stops before the next chunk; the rest are reported as not changed. */
export async function changeInChunks(
  chunks: string[][],
  opts: ChunkOptions,
  send: (chunk: string[], signal?: AbortSignal) => Promise<unknown>,
): Promise<ChunkedOutcome> {
  const outcome: ChunkedOutcome = { succeeded: [], failed: [], unknown: [] };
  const total = chunks.reduce((n, c) => n + c.length, 0);
  let done = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (opts.signal?.aborted) {
      // A typed cancellation (not English text): describeError words it in the user's language.
      outcome.failed.push({ ids: chunks.slice(i).flat(), error: new CloudflareApiError({ kind: 'cancelled', method: '', path: '', attempts: 0 }) });
      break;
    }
    try {
      await send(chunk, opts.signal);
      outcome.succeeded.push(...chunk);
    } catch (error) {
      (error instanceof CloudflareApiError && error.outcomeUnknown ? outcome.unknown : outcome.failed).push({ ids: chunk, error });
    }
    done += chunk.length;
    opts.onChunk?.(done, total);
  }
  return outcome;
}
