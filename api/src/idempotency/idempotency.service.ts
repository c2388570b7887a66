import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
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

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest('hex');
}

/**
 * Runs `work` at most once per (user, key). The key row is inserted first, in the same transaction as the work:
 * a concurrent request with the same key waits on it, then finds the stored response and replays it. If the work
 * fails, the key goes with the rolled-back transaction, so a retry runs it again.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(
    userId: string,
    key: string | null,
    fingerprint: string,
    status: number,
    work: (em: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (key === null) {
      return { status, body: await this.dataSource.transaction((em) => work(em)), replayed: false };
    }
    return this.dataSource.transaction(async (em) => {
      const claimed = await em.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
        [userId, key, fingerprint],
      );
      if (claimed.length === 0) {
        const [stored] = await em.query(
          `SELECT fingerprint, status_code, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
          [userId, key],
        );
        if (!stored || stored.status_code === null) {
          throw new DomainError(
            ProblemCode.IdempotencyRequestInProgress,
            'A request with this Idempotency-Key is still in progress; retry shortly',
          );
        }
        if (stored.fingerprint !== fingerprint) {
          throw new DomainError(
            ProblemCode.IdempotencyKeyReused,
            'This Idempotency-Key was already used with a different request; use a new key for a new request',
          );
        }
        return { status: stored.status_code as number, body: stored.response_body as T, replayed: true };
      }
      const body = await work(em);
      await em.query(`UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
        status,
        JSON.stringify(body),
      ]);
      return { status, body, replayed: false };
    });
  }

  /** Keys are kept at least 24 hours; older ones are removed. */
  async purgeOlderThan(hours: number): Promise<number> {
    const [{ purged }] = await this.dataSource.query(
      `WITH d AS (DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) RETURNING 1) SELECT count(*)::int AS purged FROM d`,
      [hours],
    );
    return purged;
  }
}
