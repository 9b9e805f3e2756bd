/**
 * A small path router. The most specific pattern wins (more literal segments), so
 * `/devices/policy/exclude` is never taken for a policy id, and a known path with the wrong
 * method is a 405 rather than a 404.
 */
import type { ResultInfo, ResponseInfo } from '../../src/api/types';
import type { Auth } from './auth';
import type { AccountData, SimulatorState } from './types';

export interface Ctx {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  auth: Auth;
  state: SimulatorState;
  seed: number;
  /** A paging fault injected for this request (paging.ts). */
  paging?: 'ignorePage' | 'unpaged' | 'repeatCursor';
  /** Set for routes under /accounts/:account_id. */
  account: AccountData;
  accountId: string;
}

export interface Reply {
  result: unknown;
  result_info?: ResultInfo;
  messages?: ResponseInfo[];
}

export type Handler = (ctx: Ctx) => Reply;

interface Pattern {
  segments: string[];
  literals: number;
  methods: Map<string, Handler>;
}

export type Match =
  | { kind: 'found'; handler: Handler; params: Record<string, string>; pattern: string }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

export class Router {
  private readonly patterns: Pattern[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split('/').filter(Boolean);
    let p = this.patterns.find(x => x.segments.join('/') === segments.join('/'));
    if (!p) {
      p = { segments, literals: segments.filter(s => !s.startsWith(':')).length, methods: new Map() };
      this.patterns.push(p);
      this.patterns.sort((a, b) => b.literals - a.literals);
    }
    p.methods.set(method.toUpperCase(), handler);
    return this;
  }

  match(method: string, path: string): Match {
    const parts = path.split('/').filter(Boolean);
    for (const p of this.patterns) {
      const params = bind(p.segments, parts);
      if (!params) continue;
      const handler = p.methods.get(method.toUpperCase());
      if (!handler) return { kind: 'method', allowed: [...p.methods.keys()] };
      return { kind: 'found', handler, params, pattern: '/' + p.segments.join('/') };
    }
    return { kind: 'none' };
  }
}

function bind(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (!s.startsWith(':')) {
      if (s !== parts[i]) return undefined;
      continue;
    }
    try {
      params[s.slice(1)] = decodeURIComponent(parts[i]);
    } catch {
      return undefined; // a malformed %-escape identifies nothing: 404 like any unknown id
    }
  }
  return params;
}
