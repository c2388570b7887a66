import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/**
 * How much of a request body the API reads, and throws away, before it answers a request whose body it did not
 * read to the end: a 413 (Fastify refuses a body over the limit as soon as the Content-Length or the count says
 * so), a 415, any answer given before the body arrived. HTTP clients send the whole body before they read the
 * answer: an answer followed by a closed connection reaches curl, but Node's fetch (undici) and browsers, still
 * writing, get EPIPE or a reset and never see it. Beyond these bounds the answer goes out at once and the
 * connection is closed, as before: nobody sends this API megabytes in good faith.
 */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
const DRAIN_TIME_MS = 10_000;

export function installBodyDrain(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request) => {
    if (!request.raw.complete) await drain(request.raw);
  });
}

/** Resolves once the rest of the request's body has been read and dropped, or the bounds are reached. */
function drain(request: IncomingMessage): Promise<void> {
  const declared = Number(request.headers['content-length']);
  if (declared > DRAIN_LIMIT_BYTES || request.destroyed || request.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_LIMIT_BYTES) done();
    };
    const done = () => {
      clearTimeout(timer);
      request.off('data', onData).off('end', done).off('close', done).off('error', done);
      resolve();
    };
    const timer = setTimeout(done, DRAIN_TIME_MS);
    request.on('data', onData).once('end', done).once('close', done).once('error', done);
    request.resume();
  });
}
