import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

export const IDEMPOTENT = 'http:idempotent';

export interface IdempotentOptions {
  /** `POST /payments` needs a key (400 without); a ledger entry takes one if sent. */
  required: boolean;
  /**
   * For a response that carries a secret shown once (a webhook endpoint's signing secret): the provider that seals
   * it before the response is stored for replays, and opens it for a replay. The store keeps no secret in clear.
   */
  sealedWith?: Type<ResponseSealer>;
}

/** Seals what must not be stored in clear in a response kept for replays (`scope`: whose response it is). */
export interface ResponseSealer {
  seal(body: unknown, scope: string): unknown;
  /** The response as first sent, or null when it cannot be opened (the key that sealed it is gone). */
  open(stored: unknown, scope: string): unknown;
}

/**
 * At most once per `Idempotency-Key`: a retry with the same key and body gets the first response again (status,
 * body, `Idempotent-Replayed: true`), problems included; the same key with another body is a 422. The edge does it
 * (`IdempotencyInterceptor`); the service only does the work, in the transaction the key row was written in.
 */
export function Idempotent(options: IdempotentOptions) {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.required,
      description:
        'A unique key per intended operation (e.g. a UUID). A retry with the same key and body returns the first response again ' +
        '(header `Idempotent-Replayed: true`); the same key with another body is a 422. Kept at least 24 hours.',
      schema: { type: 'string', minLength: 1, maxLength: 255, example: '5f1f6f0e-3c0e-4c1e-9a43-2a1d2f0b7c11' },
    }),
  );
}

/** `Idempotency-Key`: 1-255 visible ASCII characters (a UUID is a good choice). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function parseIdempotencyKey(value: unknown, required: boolean): string | null {
  if (value === undefined || value === '') {
    if (required)
      throw new DomainError(
        ProblemCode.IdempotencyKeyRequired,
        'This request needs an Idempotency-Key header (e.g. a fresh UUID per claim)',
      );
    return null;
  }
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    throw new DomainError(ProblemCode.ValidationFailed, 'Idempotency-Key must be 1-255 visible ASCII characters', {
      errors: [{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }],
    });
  }
  return value;
}

/** Same JSON, whatever the order of its keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same" for a key: method, path and body (key order aside). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest('hex');
}
