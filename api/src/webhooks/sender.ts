import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
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
/** Attempts a relay has under way to one endpoint at most: sent, or queued in its agent for a connection. */
export const QUEUE_PER_ENDPOINT = 64;
/** An idle connection is closed after this, before a receiver's own keep-alive timeout (Node's is 5 s) can race it. */
const IDLE_SOCKET_MS = 4000;
/** Endpoint addresses whose connections are kept at once; the least recently used beyond it are closed. */
const MAX_AGENTS = 500;

/**
 * Keep-alive connections per endpoint and checked address: a relay sending hundreds of deliveries a second to one
 * receiver pays for a TCP (and TLS) handshake once, not per delivery. The address is part of the key, so a
 * connection only ever goes to an address the guard allowed; a different answer from DNS gets its own agent.
 */
export class Agents {
  private readonly agents = new Map<string, http.Agent>();

  of(endpointId: string, target: CheckedTarget): http.Agent {
    const key = `${endpointId} ${target.url.protocol} ${target.address} ${target.url.port}`;
    let agent = this.agents.get(key);
    if (agent) {
      this.agents.delete(key); // most recently used last
    } else {
      const options = { keepAlive: true, maxSockets: SOCKETS_PER_ENDPOINT, maxFreeSockets: SOCKETS_PER_ENDPOINT, timeout: IDLE_SOCKET_MS };
      agent = target.url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
      while (this.agents.size >= MAX_AGENTS) {
        const [oldest, old] = this.agents.entries().next().value as [string, http.Agent];
        this.agents.delete(oldest);
        old.destroy();
      }
    }
    this.agents.set(key, agent);
    return agent;
  }

  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}

/**
 * One POST: to the checked address only (over `agent`'s connections, each opened to that address), no redirects
 * followed (a 3xx is a failure like any non-2xx), bounded by `timeoutMs` from its connection to the last byte, the first
 * RESPONSE_BODY_CAP bytes of the answer kept. A connection is kept for the next delivery only after a whole answer.
 */
export function post(
  target: CheckedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  agent: http.Agent | false = false,
): Promise<AttemptOutcome> {
  let started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: Omit<AttemptOutcome, 'latencyMs'>, keepConnection = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!keepConnection) request.destroy();
      resolve({ ...outcome, latencyMs: latency() });
    };
    const client = target.url.protocol === 'https:' ? https : http;
    const request = client.request(
      target.url,
      {
        method: 'POST',
        agent,
        lookup: pinnedLookup(target),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'khata-pay-webhooks/1',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = (whole: boolean) =>
          finish(
            {
              statusCode: response.statusCode ?? null,
              error: null,
              responseBody: Buffer.concat(chunks).toString('utf8').replaceAll('\0', '\uFFFD') || null,
            },
            whole,
          );
        response.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_BODY_CAP) {
            const part = chunk.subarray(0, RESPONSE_BODY_CAP - kept);
            chunks.push(part);
            kept += part.length;
          }
          if (kept >= RESPONSE_BODY_CAP) done(false); // the rest is not read: the connection is closed
        });
        response.on('end', () => done(true));
        response.on('error', () => done(false));
      },
    );
    // The clock starts when the request has its connection (opened, or kept from an earlier delivery): a wait in the
    // agent's queue behind the endpoint's other deliveries is not the endpoint's time.
    request.once('socket', () => {
      started = performance.now();
      timer = setTimeout(() => finish({ statusCode: null, error: `timed out after ${timeoutMs} ms`, responseBody: null }), timeoutMs);
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ statusCode: null, error: (error.code ? `${error.code}: ` : '') + error.message, responseBody: null }),
    );
    request.end(body);
  });
}
