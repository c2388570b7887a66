import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_JWT_SECRET } from '../support/test-app';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The built API (api/dist/main.js) as a process of its own, so it can be killed with SIGKILL and started again.
 * `npm test` builds it first; run `npx swc ...` or `npm run build -w api` before running these suites alone.
 */
export class ApiProcess {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;
  starts = 0;

  constructor(
    private readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
    return new ApiProcess(await freePort(), {
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: databaseUrl,
      DEV_ENDPOINTS: 'false',
      DEMO_DATA: 'false',
      RATE_LIMIT_LOGIN: 'off',
      RATE_LIMIT_REGISTER: 'off',
      RATE_LIMIT_JOIN: 'off',
      RATE_LIMIT_CLAIMS: 'off',
      DATABASE_POOL_SIZE: '8',
      ...env,
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the health check; generous, since a loaded machine can take long to start it and migrate. */
  async start(timeoutMs = 120_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], {
      env: { PATH: process.env.PATH, PORT: String(this.port), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (this.output = (this.output + d).slice(-20_000)));
    child.stderr!.on('data', (d) => (this.output = (this.output + d).slice(-20_000)));
    this.child = child;
    this.starts++;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`the API exited at start:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/v1/health/live`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the API did not become live within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Ends the process; SIGKILL by default (no shutdown hooks, no goodbye). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  logs(): string {
    return this.output;
  }
}
