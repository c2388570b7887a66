import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig, RateLimits } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

export type Budget = keyof RateLimits;

/** One point to take: from `budget`, on the counter of `subject` (a phone, a user, an address key ...). */
export type Charge = [budget: Budget, subject: string];

/** Points taken by one request, to give back when what they guarded turned out not to count (e.g. a correct password). */
export interface Reservation {
  refund(): Promise<void>;
}

/**
 * Guards the operations worth guessing at (login, register, join and its preview, claims); nothing else is limited,
 * so a busy shop's burst of approvals never hits a limit.
 *
 * Counters live in PostgreSQL (`rate_limit_counters`), through the application's own pool: they survive a restart
 * and every API process shares them, with no further service to run (the embedded database works the same). One
 * upsert per counter, fixed windows: the first point opens a window of the budget's duration; a point is taken only
 * while the window has room, so refused attempts neither count nor extend the wait, and `Retry-After` is the real
 * time left. (rate-limiter-flexible's Postgres store counts refused attempts too and cannot give a point back
 * atomically, which "count failures only" needs; this is the one statement it would run, minus that.)
 */
@Injectable()
export class RateLimitService {
  private readonly limits: RateLimits;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = config.rateLimits;
  }

  enabled(budget: Budget): boolean {
    return this.limits[budget] !== null;
  }

  /**
   * Takes one point from every charge, all or none: when any budget is spent, the points already taken are given
   * back and the caller gets 429 with `Retry-After` (the longest wait among the spent budgets). With `em`, the
   * counters are written in the caller's transaction (and go back with it if it rolls back).
   */
  async take(charges: Charge[], em: EntityManager = this.dataSource.manager): Promise<Reservation> {
    const taken: string[] = [];
    let waitSeconds = 0;
    for (const [budget, subject] of charges) {
      const limit = this.limits[budget];
      if (!limit) continue;
      const key = `${budget}:${subject}`;
      const counted = await em.query(
        `INSERT INTO rate_limit_counters AS c (key, hits, resets_at) VALUES ($1, 1, now() + make_interval(secs => $3))
         ON CONFLICT (key) DO UPDATE
            SET hits = CASE WHEN c.resets_at <= now() THEN 1 ELSE c.hits + 1 END,
                resets_at = CASE WHEN c.resets_at <= now() THEN EXCLUDED.resets_at ELSE c.resets_at END
          WHERE c.resets_at <= now() OR c.hits < $2
         RETURNING hits`,
        [key, limit.points, limit.durationSeconds],
      );
      if (counted.length > 0) {
        taken.push(key);
        continue;
      }
      const [row] = await em.query(
        `SELECT ceil(extract(epoch FROM resets_at - now()))::int AS wait FROM rate_limit_counters WHERE key = $1`,
        [key],
      );
      waitSeconds = Math.max(waitSeconds, row?.wait ?? 1, 1);
    }
    const reservation: Reservation = { refund: () => this.giveBack(taken, em) };
    if (waitSeconds > 0) {
      await reservation.refund();
      throw rateLimited(waitSeconds);
    }
    return reservation;
  }

  private async giveBack(keys: string[], em: EntityManager): Promise<void> {
    if (keys.length === 0) return;
    await em.query(`UPDATE rate_limit_counters SET hits = hits - 1 WHERE key = ANY($1) AND hits > 0 AND resets_at > now()`, [keys]);
    keys.length = 0;
  }

  /** Windows that have ended count nothing; their rows go. */
  async purgeExpired(): Promise<number> {
    const [{ purged }] = await this.dataSource.query(
      `WITH d AS (DELETE FROM rate_limit_counters WHERE resets_at < now() RETURNING 1) SELECT count(*)::int AS purged FROM d`,
    );
    return purged;
  }
}

/** 429 with the real wait: `Retry-After` in seconds, and the same in words in `detail`. */
export function rateLimited(waitSeconds: number): DomainError {
  const wait = Math.max(1, Math.ceil(waitSeconds));
  return new DomainError(ProblemCode.RateLimited, `Too many attempts; try again in ${wait} s`, {}, { 'retry-after': String(wait) });
}
