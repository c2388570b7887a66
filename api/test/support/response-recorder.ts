import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';

/**
 * Every response the test suites receive is written here as one JSON line, and `npm test` then checks them all
 * against the committed OpenAPI document (scripts/check-responses.mjs). Ignored by git; emptied by the global setup.
 */
export const RESPONSES_FOLDER = join(__dirname, '..', 'results', 'responses');
/** Bodies are kept whole up to this size (an event stream is cut there, and marked so). */
const MAX_BODY_BYTES = 1024 * 1024;

export interface RecordedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated?: boolean;
}

export function clearRecordedResponses(): void {
  rmSync(RESPONSES_FOLDER, { recursive: true, force: true });
  mkdirSync(RESPONSES_FOLDER, { recursive: true });
}

/** Appends one response; synchronous, so nothing is lost when a test worker exits. One file per worker process. */
export function recordResponse(response: RecordedResponse): void {
  if (!response.url.startsWith('/api/')) return;
  mkdirSync(RESPONSES_FOLDER, { recursive: true });
  appendFileSync(join(RESPONSES_FOLDER, `jest-${process.pid}.jsonl`), `${JSON.stringify(response)}\n`);
}

/**
 * Records a response received with `fetch` from an API in another process (the suites that start api/dist), as
 * that client saw it; returns the body text, which the caller can no longer read itself.
 */
export async function recordFetched(method: string, url: string, response: Response): Promise<string> {
  const body = await response.text();
  const { pathname, search } = new URL(url);
  recordResponse({ method, url: pathname + search, status: response.status, headers: Object.fromEntries(response.headers), body });
  return body;
}

function headerText(headers: OutgoingHttpHeaders | Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]),
  );
}

/**
 * Records every response an in-process application's HTTP server writes, as it leaves on the wire: status and
 * headers (including those handed straight to `writeHead`, as the event stream does) and the body bytes. Works
 * for supertest and for `fetch` against `app.listen()` alike; the application itself is not changed.
 */
export function recordResponsesOf(server: Server): void {
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let writtenHeaders: Record<string, string> = {};
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      if (size + buffer.length > MAX_BODY_BYTES) {
        truncated = true;
        return;
      }
      size += buffer.length;
      chunks.push(buffer);
    };
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const headers = args.find((a, i) => i > 0 && a && typeof a === 'object');
      if (headers && !Array.isArray(headers)) writtenHeaders = headerText(headers as Record<string, unknown>);
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];
    const write = response.write;
    response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
    } as ServerResponse['write'];
    const end = response.end;
    response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...a: unknown[]) => ServerResponse).apply(this, [chunk, ...rest]);
    } as ServerResponse['end'];
    let recorded = false;
    const done = () => {
      if (recorded || !response.headersSent) return;
      recorded = true;
      recordResponse({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        status: response.statusCode,
        headers: { ...headerText(response.getHeaders()), ...writtenHeaders },
        body: Buffer.concat(chunks).toString('utf8'),
        ...(truncated ? { truncated } : {}),
      });
    };
    response.once('finish', done);
    response.once('close', done);
  });
}
