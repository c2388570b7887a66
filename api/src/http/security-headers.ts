import type { FastifyInstance } from 'fastify';

/**
 * Headers every response carries. API answers hold money and personal data: never cached, never sniffed, never
 * framed. The SPA's hashed assets are immutable and cached for a year; its index.html is revalidated.
 */
export function installSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/v1/')) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    } else if (path.startsWith('/assets/') && reply.statusCode === 200) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    }
  });
}
