/**
 * A second loopback listener, the target of the 'redirect' fault: it plays a foreign host that a
 * 3xx from the API points at, records every request it receives (method, URL, headers, body) so a
 * test can assert that no credential or body ever reached it, and answers a cheerful success
 * envelope, as a hostile host would.
 *
 * It listens on 127.0.0.2 where the system allows it (Linux routes all of 127/8 to loopback), so
 * the redirect changes the host name, not only the port; elsewhere on 127.0.0.1.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

export interface SinkRequest {
  method: string;
  url: string;
  /** The same as url (path and query). */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export class RedirectSink {
  readonly requests: SinkRequest[] = [];

  private constructor(private readonly server: Server, readonly origin: string) {
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', path: req.url ?? '/', headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: true, errors: [], messages: [], result: [] }));
      });
    });
  }

  /** The same as origin. */
  get url(): string {
    return this.origin;
  }

  static async start(): Promise<RedirectSink> {
    for (const host of ['127.0.0.2', '127.0.0.1']) {
      const server = createServer();
      const ok = await new Promise<boolean>(resolve => {
        server.once('error', () => resolve(false));
        server.listen(0, host, () => resolve(true));
      });
      if (ok) {
        const { port } = server.address() as AddressInfo;
        return new RedirectSink(server, `http://${host}:${port}`);
      }
    }
    throw new Error('could not listen on a loopback address for the redirect target');
  }

  close(): Promise<void> {
    return new Promise(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
