/**
 * The largest page each list accepts, learnt from its answers (#17 item 2).
 *
 * Cloudflare documents no maximum for the device lists (seed 001: `per_page` "Number of results per
 * page"; SDK v7 `per_page?: number`; the API reference for physical-devices and registrations:
 * "The maximum number of devices to return in a single response", format uint64). So the client asks
 * for ASK_PER_PAGE and believes the answer: a list that clamps says so in `result_info.per_page`
 * (or sends fewer items than asked with a cursor to go on), and one that refuses the ask with a 400
 * gets asked again with half as many, down to the size the caller would have used anyway. What was
 * learnt is kept per client and path, so only the first listing pays for it.
 *
 * Why not ask for more than 1,000: one answer of 1,000 devices is about 1 MB of JSON, parsed in one
 * go on the extension host; much larger answers would make that parse one long task.
 */
import type { CloudflareClient } from './client';
import { CloudflareApiError } from './errors';

export const ASK_PER_PAGE = 1000;

export class PageSizes {
  private readonly caps = new Map<string, number>();

  /** What to ask `path` for: what it said it takes, else ASK_PER_PAGE. */
  ask(path: string): number {
    return this.caps.get(path) ?? ASK_PER_PAGE;
  }

  /** The cap learnt for `path`, if any answer has told it. */
  learnt(path: string): number | undefined {
    return this.caps.get(path);
  }

  /**
   * Learns from one answer: `perPage` is result_info.per_page (undefined when absent), `count` the
   * items it held and `more` whether the list goes on (a cursor, or pages left).
   */
  learn(path: string, asked: number, perPage: number | undefined, count: number, more: boolean): void {
    if (perPage !== undefined && perPage > 0 && perPage < asked) this.caps.set(path, perPage);
    else if (perPage === undefined && more && count > 0 && count < asked) this.caps.set(path, count);
    else if (!this.caps.has(path) && perPage === asked) this.caps.set(path, asked);
  }

  /** After a 400 to `asked`: the next, smaller size to try, or undefined when there is none above `floor`. */
  refused(path: string, asked: number, floor: number): number | undefined {
    const next = Math.max(floor, Math.floor(asked / 2));
    if (next >= asked) return undefined;
    this.caps.set(path, next);
    return next;
  }
}

const byClient = new WeakMap<CloudflareClient, PageSizes>();

/** The page sizes learnt through this client (one per session: a new sign-in learns again). */
export function pageSizesOf(client: CloudflareClient): PageSizes {
  let sizes = byClient.get(client);
  if (!sizes) byClient.set(client, (sizes = new PageSizes()));
  return sizes;
}

/** A 400 that may be the list refusing the page size asked (any other failure is not retried smaller). */
export function mayBePageSizeRefusal(err: unknown): boolean {
  return err instanceof CloudflareApiError && err.status === 400;
}
