import type { LookupFunction } from 'node:net';
import { Pool, type Dispatcher } from 'undici';
import type { CheckedTarget } from './url-guard';

/** How much of a receiver's answer is kept in the delivery log (as text: a NUL, which PostgreSQL's text refuses, becomes U+FFFD). */
export const RESPONSE_BODY_CAP = 2048;

export interface AttemptOutcome {
  /** The receiver's HTTP status; null when none came. */
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
}

/** A lookup that answers with the address already checked: the connection goes where the guard looked. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

/** Connections kept open to one endpoint at most: the attempts a relay sends it at once. */
export const SOCKETS_PER_ENDPOINT = 16;
/** Attempts a relay has under way to one endpoint at most: sent, or queued in its pool for a connection. */
export const QUEUE_PER_ENDPOINT = 64;
/** An idle connection is closed after this, before a receiver's own keep-alive timeout (Node's is 5 s) can race it. */
const IDLE_SOCKET_MS = 4000;
/** Endpoint addresses whose connections are kept at once; the least recently used beyond it are closed. */
const MAX_POOLS = 500;

/**
 * Keep-alive connections per endpoint and checked address (undici pools): a relay sending hundreds of deliveries a
 * second to one receiver pays for a TCP (and TLS) handshake once, not per delivery. The address is part of the key
 * and each pool's connections are opened to it alone, so a connection only ever goes to an address the guard allowed;
 * a different answer from DNS gets its own pool.
 */
export class EndpointPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly connectTimeoutMs: number) {}

  of(endpointId: string, target: CheckedTarget): Pool {
    const key = `${endpointId} ${target.url.protocol} ${target.address} ${target.url.port}`;
    let pool = this.pools.get(key);
    if (pool) {
      this.pools.delete(key); // most recently used last
    } else {
      pool = new Pool(target.url.origin, {
        connections: SOCKETS_PER_ENDPOINT,
        pipelining: 1,
        keepAliveTimeout: IDLE_SOCKET_MS,
        keepAliveMaxTimeout: IDLE_SOCKET_MS,
        // each attempt bounds itself (see post); undici's own timers are off
        headersTimeout: 0,
        bodyTimeout: 0,
        connect: { lookup: pinnedLookup(target), timeout: this.connectTimeoutMs },
      });
      while (this.pools.size >= MAX_POOLS) {
        const [oldest, old] = this.pools.entries().next().value as [string, Pool];
        this.pools.delete(oldest);
        old.destroy().catch(() => undefined); // its attempts under way fail, and are retried
      }
    }
    this.pools.set(key, pool);
    return pool;
  }

  destroy(): void {
    for (const pool of this.pools.values()) pool.destroy().catch(() => undefined);
    this.pools.clear();
  }
}

/**
 * One POST over `pool` (whose connections go to the checked address only): no redirects followed (a 3xx is a failure
 * like any non-2xx), bounded by `timeoutMs` from the moment it is written on a connection to the last byte of the
 * answer, the first RESPONSE_BODY_CAP bytes of the answer kept. A connection is kept for the next delivery only after
 * a whole answer; one that times out or answers more than the cap is closed.
 */
export function post(
  pool: Dispatcher,
  target: CheckedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  return new Promise<AttemptOutcome>((resolve) => {
    let started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let statusCode: number | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;
    const finish = (outcome: Omit<AttemptOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: Math.round(performance.now() - started) });
    };
    const answered = () =>
      finish({ statusCode, error: null, responseBody: Buffer.concat(chunks).toString('utf8').replaceAll('\0', '\uFFFD') || null });
    const handler: Dispatcher.DispatchHandler = {
      // The clock starts when the request has its connection (opened, or kept from an earlier delivery): a wait in the
      // pool's queue behind the endpoint's other deliveries is not the endpoint's time.
      onRequestStart(controller) {
        started = performance.now();
        clearTimeout(timer);
        timer = setTimeout(() => {
          finish({ statusCode: null, error: `timed out after ${timeoutMs} ms`, responseBody: null });
          controller.abort(new Error('timed out'));
        }, timeoutMs);
      },
      onResponseStart(_controller, code) {
        statusCode = code;
      },
      onResponseData(controller, chunk) {
        if (kept < RESPONSE_BODY_CAP) {
          const part = chunk.subarray(0, RESPONSE_BODY_CAP - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (kept >= RESPONSE_BODY_CAP) {
          answered(); // the rest is not read: the connection is closed
          controller.abort(new Error('answer longer than the cap'));
        }
      },
      onResponseEnd() {
        answered();
      },
      onResponseError(_controller, error: Error & { code?: string }) {
        finish({ statusCode: null, error: (error.code ? `${error.code}: ` : '') + error.message, responseBody: null });
      },
    };
    try {
      pool.dispatch(
        {
          origin: target.url.origin,
          path: target.url.pathname + target.url.search,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'khata-pay-webhooks/1' },
          body,
        },
        handler,
      );
    } catch (error) {
      finish({ statusCode: null, error: (error as Error).message, responseBody: null });
    }
  });
}
