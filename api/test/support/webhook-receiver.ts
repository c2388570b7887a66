import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, as it arrived. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered (null: it never did). */
  answered: number | null;
}

/** How the receiver answers a request to a path: a status, or `hang` (never answers). */
export type Behaviour = number | 'hang';

/**
 * A local webhook receiver (http://127.0.0.1:port): records every request, answers per path from a script of
 * behaviours (the last one repeats), 200 by default. It can go down and come back up on the same port.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Behaviour[]>();
  private server: Server | null = null;
  private readonly hanging = new Set<ServerResponse>();
  port = 0;
  /** TCP connections accepted so far (a relay that keeps connections alive opens few). */
  connections = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.up();
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Answers requests to `path` with these, in turn; the last one repeats. */
  script(path: string, ...behaviours: Behaviour[]): void {
    this.scripts.set(path, behaviours);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', () => this.connections++);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections refused) until `up()`. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const script = this.scripts.get(path) ?? [200];
      const behaviour = script.length > 1 ? script.shift()! : script[0]!;
      const record: Received = {
        path,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
        answered: behaviour === 'hang' ? null : behaviour,
      };
      this.received.push(record);
      if (behaviour === 'hang') {
        this.hanging.add(res);
        return;
      }
      res.writeHead(behaviour, { 'content-type': 'text/plain' });
      res.end(behaviour >= 400 ? `no thanks (${behaviour}) ${'x'.repeat(5000)}` : 'ok');
    });
  }
}

/** Waits until `check` holds (polling); fails with `what` after `ms`. Orders steps; asserts nothing about speed. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
