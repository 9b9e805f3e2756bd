/**
 * The control surface under /__simulator/ (outside /client/v4, so no API client can hit it by
 * accident): lets another process read the request log, inject faults, reset and slow down.
 * Answered only to loopback peers.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { FAULT_KINDS } from './faults';
import type { FaultKind, FaultSpec } from './types';
import { isObject } from './validate';

/** What the control surface needs from the simulator. */
export interface Controllable {
  readonly requests: unknown[];
  clearRequests(): void;
  inject(fault: FaultSpec): void;
  clearFaults(): void;
  reset(): void;
  setLatency(ms: number): void;
  stateSummary(): unknown;
  churn(enrol: number, checkIns: number): { enrolled: string[]; checkedIn: string[] };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}


/** A FaultSpec from JSON: `path` as a string, or `pathRegex` as a RegExp source. */
export function faultFromJson(body: unknown): FaultSpec {
  if (!isObject(body)) throw new Error('body must be a JSON FaultSpec');
  const kind = body.kind as FaultKind;
  if (!FAULT_KINDS.includes(kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  let path: string | RegExp;
  if (typeof body.pathRegex === 'string') path = new RegExp(body.pathRegex);
  else if (typeof body.path === 'string') path = body.path;
  else throw new Error('path (string) or pathRegex (string) is required');
  const num = (k: string) => (typeof body[k] === 'number' ? (body[k] as number) : undefined);
  return {
    kind,
    path,
    method: typeof body.method === 'string' ? body.method : undefined,
    status: num('status'),
    code: num('code'),
    message: typeof body.message === 'string' ? body.message : undefined,
    retryAfter: num('retryAfter'),
    delayMs: num('delayMs'),
    times: num('times'),
    skip: num('skip'),
    bare: body.bare === true ? true : undefined,
  };
}

type Action = (body: unknown) => unknown;

function actions(sim: Controllable): Record<string, Action> {
  return {
    'GET requests': () => ({ requests: sim.requests }),
    'DELETE requests': () => (sim.clearRequests(), { ok: true }),
    'POST faults': body => (sim.inject(faultFromJson(body)), { ok: true }),
    'DELETE faults': () => (sim.clearFaults(), { ok: true }),
    'POST reset': () => (sim.reset(), { ok: true }),
    'GET state': () => sim.stateSummary(),
    // Between two refreshes of a multi-user fleet: new machines enrol, devices check in (changes.ts).
    'POST churn': body => {
      const n = (k: string) => (isObject(body) && typeof body[k] === 'number' && body[k] >= 0 ? Math.floor(body[k] as number) : 0);
      return sim.churn(n('enrol'), n('checkIns'));
    },
    'POST latency': body => {
      const ms = isObject(body) ? body.ms : undefined;
      if (typeof ms !== 'number' || ms < 0) throw new Error('body must be {"ms": <non-negative number>}');
      sim.setLatency(ms);
      return { ok: true, ms };
    },
  };
}

/** What each action does, for the help page (keys as in actions()). */
const HELP: Record<string, string> = {
  'GET requests': 'the request log: method, path, query, body, status of every API request so far',
  'DELETE requests': 'empties the request log',
  'POST faults': 'injects a fault, body: {"path" | "pathRegex", "kind": ' + FAULT_KINDS.join('|') + ', "status"?, "code"?, "message"?, "retryAfter"?, "delayMs"?, "times"?, "skip"?, "method"?}',
  'DELETE faults': 'removes every injected fault',
  'POST reset': 'back to the freshly generated fleet: no faults, empty request log',
  'GET state': 'counts of what the simulated account holds',
  'POST latency': 'added to every API answer, body: {"ms": 50}',
};

/**
 * GET on the control root (the URL `npm run demo` prints): a short plain-text page naming each action,
 * so opening the printed URL in a browser explains it instead of answering 404. Plain text with
 * nosniff: nothing in it is rendered, whatever the Host header said.
 */
function sendHelp(res: ServerResponse, req: IncomingMessage, sim: Controllable): void {
  const base = `http://${req.headers.host ?? '127.0.0.1'}/__simulator/`;
  const names = Object.keys(actions(sim));
  const width = Math.max(...names.map(n => n.length));
  const text = [
    'WARP Fleet Cloudflare API simulator: control surface (loopback only).',
    'The API itself is under /client/v4/. Actions (JSON in, JSON out):',
    '',
    ...names.map(n => `  ${n.padEnd(width)}  ${HELP[n] ?? ''}`),
    '',
    'Examples:',
    `  curl ${base}state`,
    `  curl ${base}requests`,
    `  curl -X POST -d '{"path":"/accounts/<id>/devices","kind":"rateLimit","retryAfter":30,"times":3}' ${base}faults`,
    `  curl -X POST ${base}reset`,
    '',
  ].join('\n');
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

export function handleControl(sim: Controllable, req: IncomingMessage, res: ServerResponse, path: string, raw: string): void {
  if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, { error: 'control surface is loopback-only' });
  const name = path.replace(/^\/__simulator\/?/, '').replace(/\/$/, '');
  if (name === '' && (req.method === 'GET' || req.method === 'HEAD')) return sendHelp(res, req, sim);
  const action = actions(sim)[`${req.method} ${name}`];
  if (!action) return send(res, 404, { error: `no control action ${req.method} /__simulator/${name}` });
  try {
    const body = raw ? JSON.parse(raw) : undefined;
    send(res, 200, action(body));
  } catch (e) {
    send(res, 400, { error: (e as Error).message });
  }
}
