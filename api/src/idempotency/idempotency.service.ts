import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../problems/domain-error';
import { PROBLEM_STATUS, ProblemCode } from '../problems/problem-code';

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

/** What a first response that was a problem is stored as, to be answered again on every retry. */
interface StoredProblem {
  code: ProblemCode;
  detail: string;
  extensions: Record<string, unknown>;
}

/**
 * Which outcomes of the work are the request's answer, stored and replayed: the problems the work itself raises
 * (404, 409 `UTR_IN_USE`, 409 `TOO_MANY_PENDING` ...). They say something about this request that a retry would only
 * repeat, or worse, contradict: a retry after a 409 must not come back 201 once the conflict is gone, or a client
 * that gave up on the first answer finds a claim it never saw succeed. Not stored, so a retry may still succeed:
 * transient failures (429, 503, 500: nothing was decided) and the validation errors that the pipe raises before the
 * work starts (they never reach this service).
 */
function isFirstResponse(error: unknown): error is DomainError {
  if (!(error instanceof DomainError)) return false;
  const status = PROBLEM_STATUS[error.code];
  return status >= 400 && status < 500 && status !== 429;
}

type Outcome<T> = { kind: 'response'; result: IdempotentResult<T> } | { kind: 'problem'; error: DomainError };

/**
 * Runs `work` at most once per (user, key) and answers every retry with the first response, problems included
 * (see `isFirstResponse`). The key row is inserted first, in the same transaction as the work: a concurrent request
 * with the same key waits on it, then finds the stored response and replays it, so two identical requests at once
 * have one outcome. `beforeWork` (a rate limit) runs only for a key seen for the first time, after the look-up,
 * so a replay is never refused; when it refuses, the key goes with the rolled-back transaction. The work runs
 * under a savepoint: a problem it raises undoes its writes but keeps the key row, which stores the problem.
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
    beforeWork?: (em: EntityManager) => Promise<unknown>,
  ): Promise<IdempotentResult<T>> {
    if (key === null) {
      const body = await this.dataSource.transaction(async (em) => {
        await beforeWork?.(em);
        return work(em);
      });
      return { status, body, replayed: false };
    }
    const outcome = await this.dataSource.transaction(async (em): Promise<Outcome<T>> => {
      const claimed = await em.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
        [userId, key, fingerprint],
      );
      if (claimed.length === 0) return this.replay<T>(em, userId, key, fingerprint);
      await beforeWork?.(em);
      await em.query(`SAVEPOINT idempotent_work`);
      let body: T;
      try {
        body = await work(em);
      } catch (error) {
        if (!isFirstResponse(error)) throw error;
        await em.query(`ROLLBACK TO SAVEPOINT idempotent_work`);
        const problem: StoredProblem = { code: error.code, detail: error.message, extensions: error.extensions };
        await this.store(em, userId, key, PROBLEM_STATUS[error.code], problem);
        return { kind: 'problem', error };
      }
      await this.store(em, userId, key, status, body);
      return { kind: 'response', result: { status, body, replayed: false } };
    });
    // A problem is thrown only now, after the commit that stored it.
    if (outcome.kind === 'problem') throw outcome.error;
    return outcome.result;
  }

  private async replay<T>(em: EntityManager, userId: string, key: string, fingerprint: string): Promise<Outcome<T>> {
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
    if (stored.status_code >= 400) {
      const problem = stored.response_body as StoredProblem;
      return {
        kind: 'problem',
        error: new DomainError(problem.code, problem.detail, problem.extensions, { 'idempotent-replayed': 'true' }),
      };
    }
    return { kind: 'response', result: { status: stored.status_code as number, body: stored.response_body as T, replayed: true } };
  }

  private async store(em: EntityManager, userId: string, key: string, status: number, body: unknown): Promise<void> {
    await em.query(`UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      status,
      JSON.stringify(body),
    ]);
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
