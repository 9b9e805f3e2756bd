/**
 * One API request, from headers to envelope: route, authenticate, check the account and the
 * permission, run the handler. Pure with respect to HTTP: the server does the I/O.
 */
import type { IncomingHttpHeaders } from 'http';
import { authenticate } from './auth';
import { ApiError, Errors, errorEnvelope, okEnvelope } from './errors';
import { Router, type Ctx } from './router';
import { deviceRoutes } from './routes/devices';
import { miscRoutes } from './routes/misc';
import { physicalDeviceRoutes } from './routes/physical';
import { registrationRoutes } from './routes/registrations';
import { policyRoutes } from './routes/policies';
import type { Credentials, SimulatorState } from './types';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Set when the body was not valid JSON (or too large): answered after auth, as Cloudflare does. */
  bodyError?: ApiError;
  /** A paging fault to apply to page-style lists. */
  paging?: 'ignorePage' | 'unpaged' | 'repeatCursor';
}

export interface ApiAnswer {
  status: number;
  payload: unknown;
  headers: Record<string, string>;
}

export function buildRouter(): Router {
  const r = new Router();
  deviceRoutes(r);
  physicalDeviceRoutes(r);
  registrationRoutes(r);
  policyRoutes(r);
  miscRoutes(r);
  return r;
}

const ACCOUNT_ID = /^[0-9a-f]{32}$/;

export class Api {
  private readonly router = buildRouter();

  constructor(
    private readonly creds: Credentials,
    private readonly state: () => SimulatorState,
    private readonly seed: number,
  ) {}

  handle(req: ApiRequest): ApiAnswer {
    try {
      return { status: 200, payload: this.run(req), headers: {} };
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, payload: errorEnvelope(e.errors), headers: e.headers };
      // A bug in the simulator should look like an API failure, not kill the test run.
      return { status: 500, payload: errorEnvelope([{ code: 10001, message: `Simulator error: ${(e as Error).message}` }]), headers: {} };
    }
  }

  private run(req: ApiRequest) {
    const match = this.router.match(req.method, req.path);
    const verifying = match.kind === 'found' && match.pattern.endsWith('/tokens/verify');
    const auth = authenticate(req.headers, this.creds, verifying);
    if (match.kind === 'none') throw Errors.noRoute(req.path);
    if (match.kind === 'method') {
      const e = Errors.methodNotAllowed(req.method, auth.kind === 'token' ? 'api_token' : 'api_key');
      throw new ApiError(e.status, e.errors, { Allow: match.allowed.join(', ') });
    }
    if (req.bodyError) throw req.bodyError;
    const state = this.state();
    const ctx: Ctx = {
      method: req.method, path: req.path, params: match.params, query: req.query, body: req.body, auth, state,
      seed: this.seed, account: state, accountId: state.accounts[0].id, paging: req.paging,
    };
    if (match.params.account_id !== undefined) this.bindAccount(ctx, match.params.account_id);
    // A read-only token reads everything and writes nothing.
    if (req.method !== 'GET' && auth.kind === 'token' && auth.readOnly) throw Errors.authentication(403);
    const reply = match.handler(ctx);
    return okEnvelope(reply.result, reply.result_info, reply.messages);
  }

  /** Malformed ids route nowhere; well-formed ids of accounts these credentials cannot see are refused. */
  private bindAccount(ctx: Ctx, accountId: string): void {
    if (!ACCOUNT_ID.test(accountId)) throw Errors.noRoute(ctx.path);
    const data = ctx.state.byAccount[accountId];
    if (!data) throw Errors.authentication(403);
    // An account-owned token belongs to one account (the main one) and sees no other.
    if (ctx.auth.kind === 'token' && ctx.auth.owner === 'account' && accountId !== ctx.state.accounts[0].id) {
      throw Errors.authentication(403);
    }
    ctx.account = data;
    ctx.accountId = accountId;
  }
}
