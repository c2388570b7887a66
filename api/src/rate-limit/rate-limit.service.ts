import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, RateLimits } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database';
import { GenerateSql } from '../database/sql-catalogue';
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
 * so a busy shop's burst of approvals never hits a limit. Most are declared at the edge (`@RateLimit`); login,
 * whose budgets depend on who logs in from where, takes its points itself (`LoginAttempts`).
 *
 * Counters live in PostgreSQL (`rate_limit_counters`), through the application's own pool and in the transaction
 * in progress, if any: they survive a restart and every API process shares them, with no further service to run
 * (the embedded database works the same). One upsert per counter, fixed windows: the first point opens a window of
 * the budget's duration; a point is taken only while the window has room, so refused attempts neither count nor
 * extend the wait, and `Retry-After` is the real time left. (rate-limiter-flexible's Postgres store counts refused
 * attempts too and cannot give a point back atomically, which "count failures only" needs; this is the one
 * statement it would run, minus that.)
 */
@Injectable()
export class RateLimitService {
  private readonly limits: RateLimits;

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = config.rateLimits;
  }

  /**
   * Takes one point from every charge, all or none: when any budget is spent, the points already taken are given
   * back and the caller gets 429 with `Retry-After` (the longest wait among the spent budgets).
   */
  async take(charges: Charge[]): Promise<Reservation> {
    const taken: string[] = [];
    let waitSeconds = 0;
    for (const [budget, subject] of charges) {
      const limit = this.limits[budget];
      if (!limit) continue;
      const key = `${budget}:${subject}`;
      if (await this.takePoint(key, limit.points, limit.durationSeconds)) {
        taken.push(key);
        continue;
      }
      waitSeconds = Math.max(waitSeconds, (await this.secondsLeft(key)) ?? 1, 1);
    }
    const reservation: Reservation = { refund: () => this.giveBack(taken) };
    if (waitSeconds > 0) {
      await reservation.refund();
      throw rateLimited(waitSeconds);
    }
    return reservation;
  }

  @GenerateSql({ params: ['claims:user:00000000-0000-4000-8000-000000000000', 60, 3600] })
  private async takePoint(key: string, points: number, seconds: number): Promise<boolean> {
    const counted = await this.db.system('counters are kept per subject (phone, user, address), not per tenant').count(
      `INSERT INTO rate_limit_counters AS c (key, hits, resets_at) VALUES (:key, 1, now() + make_interval(secs => :seconds))
       ON CONFLICT (key) DO UPDATE
          SET hits = CASE WHEN c.resets_at <= now() THEN 1 ELSE c.hits + 1 END,
              resets_at = CASE WHEN c.resets_at <= now() THEN EXCLUDED.resets_at ELSE c.resets_at END
        WHERE c.resets_at <= now() OR c.hits < :points
       RETURNING hits`,
      { key, points, seconds },
    );
    return counted > 0;
  }

  @GenerateSql({ params: ['claims:user:00000000-0000-4000-8000-000000000000'] })
  private async secondsLeft(key: string): Promise<number | null> {
    const row = await this.db
      .system('counters are kept per subject, not per tenant')
      .one<{ wait: number }>(`SELECT ceil(extract(epoch FROM resets_at - now()))::int AS wait FROM rate_limit_counters WHERE key = :key`, {
        key,
      });
    return row?.wait ?? null;
  }

  @GenerateSql({ params: [['claims:user:00000000-0000-4000-8000-000000000000']] })
  private async giveBack(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .system('counters are kept per subject, not per tenant')
      .count(`UPDATE rate_limit_counters SET hits = hits - 1 WHERE key = ANY(:keys) AND hits > 0 AND resets_at > now()`, {
        keys: [...keys],
      });
    keys.length = 0;
  }

  /** Windows that have ended count nothing; their rows go. */
  @GenerateSql()
  purgeExpired(): Promise<number> {
    return this.db.system('a purge of every counter').count(`DELETE FROM rate_limit_counters WHERE resets_at < now()`);
  }
}

/** 429 with the real wait: `Retry-After` in seconds, and the same in words in `detail`. */
export function rateLimited(waitSeconds: number): DomainError {
  const wait = Math.max(1, Math.ceil(waitSeconds));
  return new DomainError(ProblemCode.RateLimited, `Too many attempts; try again in ${wait} s`, {}, { 'retry-after': String(wait) });
}
