import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './url-guard';

/** How much of a receiver's answer is kept in the delivery log. */
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

/**
 * One POST: to the checked address only, no redirects followed (a 3xx is a failure like any non-2xx), bounded by
 * `timeoutMs` from the start to the last byte, the first RESPONSE_BODY_CAP bytes of the answer kept.
 */
export function post(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptOutcome> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ...outcome, latencyMs: latency() });
    };
    const client = target.url.protocol === 'https:' ? https : http;
    const request = client.request(
      target.url,
      {
        method: 'POST',
        agent: false,
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
        const done = () =>
          finish({ statusCode: response.statusCode ?? null, error: null, responseBody: Buffer.concat(chunks).toString('utf8') || null });
        response.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_BODY_CAP) {
            const part = chunk.subarray(0, RESPONSE_BODY_CAP - kept);
            chunks.push(part);
            kept += part.length;
          }
          if (kept >= RESPONSE_BODY_CAP) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => finish({ statusCode: null, error: `timed out after ${timeoutMs} ms`, responseBody: null }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ statusCode: null, error: (error.code ? `${error.code}: ` : '') + error.message, responseBody: null }),
    );
    request.end(body);
  });
}
