import type { Socket } from 'node:net';
import { PROBLEM_STATUS, PROBLEM_TITLE, ProblemCode } from '../problems/problem-code';

/**
 * What Node's HTTP parser refuses before the API sees a request (a Content-Length that is not a number, both
 * Content-Length and chunked, a NUL in a header, headers too large or too slow): a problem like every other error,
 * where Fastify would answer its own JSON shape. The connection cannot be trusted any further and is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const code = ProblemCode.ValidationFailed;
    const detail =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? "The request's headers are larger than the API accepts"
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 'The request did not arrive in time'
          : 'The request is not valid HTTP/1.1';
    const body = JSON.stringify({
      type: `urn:khata-pay:problem:${code}`,
      title: PROBLEM_TITLE[code],
      status: PROBLEM_STATUS[code],
      detail,
      code,
    });
    socket.write(
      `HTTP/1.1 ${PROBLEM_STATUS[code]} Bad Request\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
