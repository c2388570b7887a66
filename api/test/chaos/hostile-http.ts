/**
 * How the hostile suite talks to the API: Node's fetch (undici, the client most integrators use, keep-alive) for
 * everything it can send, and a bare socket for what fetch refuses to send (a GET with a body, header bytes that
 * are not Latin-1, a Content-Length that does not match the body, both Content-Length and chunked).
 */
import { connect } from 'node:net';

export type Framing =
  /** fetch sends the whole body with its Content-Length. */
  | 'whole'
  /** fetch streams the body in 16 KiB pieces with its Content-Length, pausing between them (a slow phone). */
  | 'streamed'
  /** fetch streams the body in 16 KiB pieces, chunked. */
  | 'chunked';

export interface HostileRequest {
  method: string;
  /** Path and query string, as sent. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  framing?: Framing;
  /** Bytes written as they are to a socket instead (then `headers`, `body` and `framing` are ignored). */
  raw?: Buffer;
  /** A raw request that never completes (its body is shorter than it says): closing without an answer is fine. */
  incomplete?: boolean;
}

export type Answer = { status: number; contentType: string; text: string } | { failure: string };

const ANSWER_WITHIN_MS = 15_000;
const PIECE = 16 * 1024;

/** fetch takes header values that are Latin-1 without control characters; anything else goes on a bare socket. */
export function fetchCanSend(request: HostileRequest): boolean {
  const sendableHeaders = Object.entries(request.headers).every(
    ([name, value]) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && /^[\t\x20-\x7e\x80-\xff]*$/.test(value) && value === value.trim(),
  );
  return request.raw === undefined && sendableHeaders && !(['GET', 'HEAD'].includes(request.method) && request.body !== undefined);
}

export async function send(base: URL, request: HostileRequest): Promise<Answer> {
  if (!fetchCanSend(request)) return viaSocket(base, request.raw ?? rawRequest(base, request), request.incomplete ?? false);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  try {
    const headers = { ...request.headers };
    const framing = request.body === undefined ? 'whole' : (request.framing ?? 'whole');
    if (framing === 'streamed') headers['content-length'] = String(Buffer.byteLength(request.body!));
    const init: RequestInit & { duplex?: 'half' } = {
      method: request.method,
      headers,
      body: framing === 'whole' ? request.body : inPieces(request.body!, framing === 'streamed'),
      signal: controller.signal,
      redirect: 'manual',
    };
    if (framing !== 'whole') init.duplex = 'half';
    const response = await fetch(new URL(request.target, base), init);
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) {
      // A live stream never ends by itself: its answer is the status line.
      controller.abort();
      return { status: response.status, contentType, text: '' };
    }
    return { status: response.status, contentType, text: await response.text() };
  } catch (error) {
    return { failure: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

function inPieces(body: string, paced: boolean): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= bytes.length) return controller.close();
      if (paced && offset > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      controller.enqueue(bytes.subarray(offset, offset + PIECE));
      offset += PIECE;
    },
  });
}

/** "fetch failed: write EPIPE": the error and its causes. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; code?: string; cause?: unknown } | undefined; e && parts.length < 4; e = e.cause as typeof e) {
    parts.push(e.code && !e.message?.includes(e.code) ? `${e.message} (${e.code})` : String(e.message ?? e));
  }
  return parts.join(': ');
}

/** The request as HTTP/1.1 bytes (`Connection: close`, so the answer ends with the connection). */
export function rawRequest(base: URL, request: HostileRequest, contentLength?: string): Buffer {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body, 'utf8');
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${base.host}`, 'Connection: close'];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
  if (request.body !== undefined || contentLength !== undefined) lines.push(`Content-Length: ${contentLength ?? body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}

function viaSocket(base: URL, bytes: Buffer, incomplete: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = connect(Number(base.port), base.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => finish(`no answer within ${ANSWER_WITHIN_MS} ms`), ANSWER_WITHIN_MS);
    let settled = false;
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const answer = parseAnswer(Buffer.concat(chunks));
      resolve(answer ?? { failure: failure ?? 'the connection closed without an answer' });
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // An answer is complete at its Content-Length; a live stream's answer is its status line.
      if (parseAnswer(Buffer.concat(chunks), true)) finish();
    });
    socket.on('error', (error) => finish(describe(error)));
    socket.on('close', () => finish());
    socket.on('connect', () => {
      socket.write(bytes);
      // A request that says it has more body than it sends ends its side: the server sees the end mid-body.
      if (incomplete) socket.end();
    });
  });
}

/** The first HTTP answer in what the server sent, if there is one (only a complete one, if `complete`). */
function parseAnswer(data: Buffer, complete = false): Answer | null {
  const end = data.indexOf('\r\n\r\n');
  const head = data.subarray(0, Math.max(end, 0)).toString('latin1');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!status || end < 0) return null;
  const contentType = /\r\ncontent-type:\s*([^\r\n]*)/i.exec(head)?.[1] ?? '';
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const rest = data.subarray(end + 4);
  if (complete && !contentType.startsWith('text/event-stream') && !(length && rest.length >= Number(length[1]))) return null;
  const body = length ? rest.subarray(0, Number(length[1])) : rest;
  return { status: Number(status[1]), contentType, text: body.toString('utf8') };
}
