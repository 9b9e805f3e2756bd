/**
 * Injected faults: what Cloudflare's edge and API do on a bad day. Most answer instead of the API
 * (so a faulted write changes nothing); 'slow' only delays the real answer; 'ignorePage', 'unpaged',
 * 'nullResult' and 'applyThenDrop' run the API and bend its answer; 'redirect' answers a 3xx to the
 * second listener (see types.ts FaultKind and server.ts).
 */
import type { ServerResponse } from 'http';
import { ApiError, Errors, errorEnvelope } from './errors';
import type { FaultKind, FaultSpec } from './types';

export const FAULT_KINDS: readonly FaultKind[] = ['status', 'rateLimit', 'html', 'malformed', 'slow', 'drop',
  'ignorePage', 'unpaged', 'repeatCursor', 'nullResult', 'applyThenDrop', 'redirect'];

/** Kinds that answer instead of the API. */
export const REPLACING: ReadonlySet<FaultKind> = new Set(['status', 'rateLimit', 'html', 'malformed', 'drop']);

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  /** Matching requests still to let through before the fault applies. */
  skip: number;
}

export class FaultStore {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    if (!FAULT_KINDS.includes(spec.kind)) {
      throw new Error(`Unknown fault kind: ${String(spec.kind)}`);
    }
    this.faults.push({ spec: { ...spec }, remaining: spec.times ?? Infinity, skip: Math.max(0, spec.skip ?? 0) });
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /** The first matching fault, in injection order; consumes one of its `times`. */
  take(method: string, path: string): FaultSpec | undefined {
    const i = this.faults.findIndex(f => matches(f.spec, method, path));
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (f.skip > 0) {
      f.skip -= 1;
      return undefined;
    }
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults.splice(i, 1);
    return f.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (typeof spec.path === 'string') return spec.path === path;
  spec.path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
  return spec.path.test(path);
}

/** Cloudflare's own error page, as its edge serves it when the origin fails. */
function htmlPage(status: number): string {
  const titles: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };
  const title = `${status} ${titles[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;
}

export function faultError(spec: FaultSpec): ApiError {
  if (spec.kind === 'rateLimit') return Errors.rateLimited(spec.retryAfter ?? 1);
  const status = spec.status ?? 500;
  return new ApiError(status, [{ code: spec.code ?? defaultCode(status), message: spec.message ?? defaultMessage(status) }]);
}

function defaultCode(status: number): number {
  return status === 401 || status === 403 ? 10000 : status === 404 ? 7003 : status >= 500 ? 10001 : 1000;
}

function defaultMessage(status: number): string {
  if (status === 401 || status === 403) return 'Authentication error';
  if (status === 404) return 'Not found';
  if (status >= 500) return 'Internal server error';
  return 'Bad request';
}

export type SendJson = (status: number, body: unknown, headers?: Record<string, string>) => void;

/**
 * Answers a fault that replaces the API's answer; returns the status sent (0 for a dropped socket).
 * 'slow' never reaches here: the caller waits and then answers normally.
 */
export function answerFault(spec: FaultSpec, res: ServerResponse, sendJson: SendJson): number {
  switch (spec.kind) {
    case 'html': {
      const status = spec.status ?? 502;
      res.writeHead(status, { 'content-type': 'text/html', server: 'cloudflare' });
      res.end(htmlPage(status));
      return status;
    }
    case 'malformed': {
      // Valid start, cut off mid-way: what a truncated transfer looks like to a JSON parser.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"success":true,"errors":[],"messages":[],"result":[{"id":"');
      return 200;
    }
    case 'drop':
      res.socket?.destroy();
      return 0;
    default: {
      const e = faultError(spec);
      // Real error bodies sometimes carry neither `messages` nor `result` (api-notes "Error codes").
      sendJson(e.status, spec.bare ? { success: false, errors: e.errors } : errorEnvelope(e.errors), e.headers);
      return e.status;
    }
  }
}
