/** Plain HTTP calls to the simulator for its own tests (no client of the product in between). */
import type { CloudflareSimulator } from '../simulator/server';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Default sim.token; null sends no Authorization. */
  token?: string | null;
}

export async function call(sim: CloudflareSimulator, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...o.headers };
  const token = o.token === undefined ? sim.token : o.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(sim.baseUrl + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Every item of a cursor list, following result_info.cursor; also the number of requests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function walk(sim: CloudflareSimulator, path: string, perPage = 50, from = ''): Promise<{ items: any[]; pages: number }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const items: any[] = [];
  let cursor = from;
  let pages = 0;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const r = await call(sim, 'GET', `${path}${sep}per_page=${perPage}${cursor ? `&cursor=${cursor}` : ''}`);
    if (r.status !== 200) throw new Error(`${r.status}: ${r.text}`);
    items.push(...r.json.result);
    cursor = r.json.result_info.cursor;
    pages++;
    if (pages > 10_000) throw new Error('cursor walk does not end');
  } while (cursor);
  return { items, pages };
}
