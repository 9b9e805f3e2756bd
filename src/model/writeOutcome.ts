/**
 * What a chunked write really did, per id (pure: no `vscode` import).
 *
 * A chunk that failed with an answer certainly did not change anything. A chunk whose answer was
 * lost (timeout, dropped connection: the API layer marks it `outcomeUnknown`) may have been applied,
 * so it is never reported as a failure and never sent again blindly (POST and DELETE are not
 * idempotent): its ids are read back and judged by what Cloudflare holds now.
 */
export type WriteAction = 'revoke' | 'unrevoke' | 'delete';

/** What the read-back found for one id: its revocation time, or that it no longer exists. */
export type ReadBack = { exists: false } | { exists: true; revoked: boolean };

/** The API layer's ChunkedOutcome (api/chunks.ts): certain successes, certain failures, and chunks sent without an answer. */
export interface ChunkResult {
  succeeded: string[];
  failed: { ids: string[]; error: unknown }[];
  unknown: { ids: string[]; error: unknown }[];
}

export interface ResolvedOutcome {
  /** Certainly changed (answered, or read back as changed). */
  changed: string[];
  /** Certainly not changed, with the reason Cloudflare gave. */
  unchanged: { id: string; error: unknown }[];
  /** Read back as gone although the action was not delete (someone else deleted it meanwhile). */
  gone: string[];
  /** Sent without an answer and could not be read back either: still unknown, said so. */
  unknown: { id: string; error: unknown }[];
}

/** Did the state read back show the action applied? */
export function applied(action: WriteAction, state: ReadBack): boolean {
  if (action === 'delete') return !state.exists;
  return state.exists && state.revoked === (action === 'revoke');
}

/** The ids whose outcome must be read back. */
export function unknownIds(result: ChunkResult): string[] {
  return result.unknown.flatMap(f => f.ids);
}

/**
 * Joins the chunk results with the read-back: `readBack` holds the state of each unknown id, or is
 * undefined when reading back failed (then `readBackError` says why and the ids stay unknown).
 */
export function resolveOutcome(action: WriteAction, result: ChunkResult, readBack: Map<string, ReadBack> | undefined, readBackError?: unknown): ResolvedOutcome {
  const out: ResolvedOutcome = { changed: [...result.succeeded], unchanged: [], gone: [], unknown: [] };
  for (const f of result.failed) for (const id of f.ids) out.unchanged.push({ id, error: f.error });
  for (const f of result.unknown) {
    for (const id of f.ids) {
      const state = readBack?.get(id);
      if (!readBack || !state) {
        // Not read back: still unknown. (An id missing from a successful read-back is handled by the caller as { exists: false }.)
        out.unknown.push({ id, error: readBackError ?? f.error });
      } else if (applied(action, state)) out.changed.push(id);
      else if (!state.exists) out.gone.push(id);
      else out.unchanged.push({ id, error: f.error });
    }
  }
  return out;
}
