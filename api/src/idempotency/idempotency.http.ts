import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotentResult, parseIdempotencyKey, requestFingerprint } from './idempotency.service';

/** Documents the `Idempotency-Key` request header. */
export function ApiIdempotencyKey(required: boolean) {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required,
      description:
        'A unique key per intended operation (e.g. a UUID). A retry with the same key and body returns the first response again ' +
        '(header `Idempotent-Replayed: true`); the same key with another body is a 422. Kept at least 24 hours.',
      schema: { type: 'string', minLength: 1, maxLength: 255, example: '5f1f6f0e-3c0e-4c1e-9a43-2a1d2f0b7c11' },
    }),
  );
}

/** The key (validated) and the fingerprint of the request it guards. */
export function idempotencyOf(request: FastifyRequest, required: boolean): { key: string | null; fingerprint: string } {
  return {
    key: parseIdempotencyKey(request.headers['idempotency-key'], required),
    fingerprint: requestFingerprint(request.method, request.url.split('?')[0], request.body ?? null),
  };
}

/** Sends the stored status on a replay, and says so. */
export function replyWith<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  void reply.status(result.status);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}
