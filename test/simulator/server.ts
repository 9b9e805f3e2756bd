/**
 * A local Cloudflare API for tests, benchmarks and demos: the WARP device endpoints of the seed
 * pages, faithful envelopes and errors, a deterministic fleet, injectable faults and a request log.
 *
 *   const sim = await CloudflareSimulator.start({ devices: 500 });
 *   // point a client at sim.baseUrl with sim.token, then:
 *   await sim.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { Account } from '../../src/api/types';
import { Api } from './api';
import { authKind } from './auth';
import { makeCredentials } from './catalog';
import { handleControl } from './control';
import { Errors } from './errors';
import { FaultStore, REPLACING, answerFault } from './faults';
import { RedirectSink } from './redirectSink';
import { checkIn, enrolDevice } from './changes';
import { multiOf } from './multiuser';
import { createState, replaceState, resolveOptions, summarize, type ResolvedOptions } from './state';
import type { Credentials, FaultSpec, MultiUserData, RecordedRequest, SimulatorOptions, SimulatorState } from './types';

export type {
  AccountData, FaultKind, FaultSpec, MultiUserData, RecordedRequest, SimDevice, SimPhysicalDevice, SimRegistration,
  SimulatorOptions, SimulatorState,
} from './types';

const PREFIX = '/client/v4';
const MAX_BODY = 5 * 1024 * 1024;
const MAX_URL = 16 * 1024;

const sleep = (ms: number) => (ms > 0 ? new Promise<void>(r => setTimeout(r, ms)) : Promise.resolve());

function queryRecord(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(q.keys())) {
    const all = q.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

interface RawBody {
  text: string;
  tooLarge: boolean;
}

function readBody(req: IncomingMessage): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY }));
    req.on('error', reject);
  });
}

export class CloudflareSimulator {
  readonly baseUrl: string;
  /** Where the /__simulator/ control surface lives. */
  readonly controlUrl: string;
  readonly accountId: string;
  readonly token: string;
  readonly readOnlyToken: string;
  /** An account-owned token of the main account: GET /accounts refuses it, /accounts/{a}/tokens/verify accepts it. */
  readonly accountToken: string;
  /** A token whose IP restriction leaves this caller out: every call answers 403 / 9109. */
  readonly restrictedToken: string;
  readonly email: string;
  readonly globalKey: string;
  readonly seed: number;
  readonly state: SimulatorState;
  readonly requests: RecordedRequest[] = [];

  private readonly faults = new FaultStore();
  private readonly api: Api;
  private latencyMs: number;
  private rays = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: ResolvedOptions,
    private readonly creds: Credentials,
    latencyMs: number,
    /** The second loopback listener the 'redirect' fault points at; it records what reaches it. */
    readonly redirectTarget: RedirectSink,
  ) {
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.baseUrl = `http://${host}:${addr.port}${PREFIX}`;
    this.controlUrl = `http://${host}:${addr.port}/__simulator/`;
    this.seed = options.seed;
    this.state = createState(options, Math.floor(Date.now() / 1000) * 1000);
    this.accountId = this.state.accounts[0].id;
    ({ token: this.token, readOnlyToken: this.readOnlyToken, email: this.email, globalKey: this.globalKey } = creds);
    ({ accountToken: this.accountToken, restrictedToken: this.restrictedToken } = creds);
    this.latencyMs = latencyMs;
    this.api = new Api(creds, () => this.state, options.seed);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.onRequest(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  }

  static async start(opts: SimulatorOptions = {}): Promise<CloudflareSimulator> {
    // Headers up to 64 KB reach the handler, so an over-long URL gets Cloudflare's 414, not Node's 431.
    const server = createServer({ maxHeaderSize: 64 * 1024 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    const options = resolveOptions(opts);
    const creds = makeCredentials(options.seed);
    if (opts.token !== undefined) {
      if (!/^[A-Za-z0-9_-]{40,}$/.test(opts.token)) {
        server.close();
        throw new Error('SimulatorOptions.token must be 40 or more of A-Z a-z 0-9 _ -, as Cloudflare API tokens are');
      }
      creds.token = opts.token;
    }
    return new CloudflareSimulator(server, options, creds, opts.latencyMs ?? 0, await RedirectSink.start());
  }

  /** The accounts these credentials can see: "Acme Corp" (the main one) and "Acme Labs". */
  get accounts(): Account[] {
    return this.state.accounts;
  }

  /**
   * The main account's physical devices and registrations (live; built on first use). In a
   * multi-user account some devices have several registrations; `devices` lists them oldest first.
   */
  get multi(): MultiUserData {
    return multiOf(this.state, this.seed, this.state.now);
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  inject(fault: FaultSpec): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  /** `enrol` new devices and `checkIns` live registrations seen now (multi-user data; see changes.ts). */
  churn(enrol: number, checkIns: number, at = Date.now()): { enrolled: string[]; checkedIn: string[] } {
    const m = this.multi;
    const enrolled = Array.from({ length: enrol }, () => enrolDevice(m, at, this.seed).id);
    const live = m.registrations.filter(r => !r.revoked_at && !r.deleted_at);
    const step = Math.max(1, Math.floor(live.length / Math.max(1, checkIns)));
    const checkedIn: string[] = [];
    for (let i = 0; i < live.length && checkedIn.length < checkIns; i += step) {
      checkIn(m, live[i].id, at);
      checkedIn.push(live[i].id);
    }
    return { enrolled, checkedIn };
  }

  /** Back to the freshly generated state (same "now"), no faults, no requests. */
  reset(): void {
    replaceState(this.state, createState(this.options, this.state.now));
    this.clearFaults();
    this.clearRequests();
  }

  stateSummary(): unknown {
    const main = this.state;
    return { ...summarize(main), revokedDeviceIds: main.devices.filter(d => d.revoked_at).map(d => d.id), faults: this.faults.size };
  }

  async close(): Promise<void> {
    await Promise.all([
      new Promise<void>(resolve => {
        this.server.close(() => resolve());
        this.server.closeAllConnections();
      }),
      this.redirectTarget.close(),
    ]);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    // Cloudflare's edge: "URLs have a limit of 16 KB" (developers.cloudflare.com/fundamentals/reference/
    // connection-limits), answered with 414 URI Too Long — what a revoke with too many ?id= would get.
    if ((req.url ?? '').length > MAX_URL) {
      res.writeHead(414, { 'content-type': 'text/html', server: 'cloudflare' });
      res.end('<html><head><title>414 Request-URI Too Large</title></head><body><center><h1>414 Request-URI Too Large</h1></center><hr><center>cloudflare</center></body></html>');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    if (url.pathname === '/__simulator' || url.pathname.startsWith('/__simulator/')) {
      return handleControl(this, req, res, url.pathname, raw.text);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) || '/' : url.pathname;
    const { body, bodyError } = parseBody(raw);
    const record: RecordedRequest = {
      method, path, query: queryRecord(url.searchParams), body, status: 0,
      auth: authKind(req.headers, this.creds), at: Date.now(),
    };
    this.requests.push(record);
    await sleep(this.latencyMs);
    const fault = this.faults.take(method, path);
    if (fault && REPLACING.has(fault.kind)) {
      record.status = answerFault(fault, res, (s, b, h) => this.sendJson(res, s, b, h));
      return;
    }
    if (fault?.kind === 'slow') await sleep(fault.delayMs ?? 1000);
    if (fault?.kind === 'redirect') {
      // To another host: what node-fetch would follow, carrying X-Auth-* headers and the body (issue 13).
      const status = fault.status ?? 307;
      res.writeHead(status, { location: `${this.redirectTarget.origin}${url.pathname}${url.search}`, server: 'cloudflare' });
      res.end();
      record.status = status;
      return;
    }
    if (!url.pathname.startsWith(PREFIX + '/')) {
      const e = Errors.noRoute(url.pathname);
      record.status = this.sendJson(res, e.status, { success: false, errors: e.errors, messages: [], result: null });
      return;
    }
    const paging = fault?.kind === 'ignorePage' || fault?.kind === 'unpaged' || fault?.kind === 'repeatCursor' ? fault.kind : undefined;
    const answer = this.api.handle({ method, path, query: url.searchParams, headers: req.headers, body, bodyError, paging });
    if (fault?.kind === 'applyThenDrop') {
      // The write is applied; the answer is lost (issue 13: "apply, then drop the connection").
      res.socket?.destroy();
      record.status = 0;
      return;
    }
    if (fault?.kind === 'nullResult' && answer.status === 200) (answer.payload as { result: unknown }).result = null;
    record.status = this.sendJson(res, answer.status, answer.payload, answer.headers);
  }

  private sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): number {
    if (res.destroyed) return 0;
    const ray = `${(++this.rays).toString(16).padStart(16, '0')}-SIM`;
    res.writeHead(status, { 'content-type': 'application/json', 'cf-ray': ray, server: 'cloudflare', ...headers });
    res.end(JSON.stringify(payload));
    return status;
  }
}

function parseBody(raw: RawBody): { body: unknown; bodyError?: ReturnType<typeof Errors.malformedJson> } {
  if (raw.tooLarge) return { body: undefined, bodyError: Errors.bodyTooLarge() };
  if (raw.text.trim() === '') return { body: undefined };
  try {
    return { body: JSON.parse(raw.text) };
  } catch {
    return { body: raw.text, bodyError: Errors.malformedJson() };
  }
}
