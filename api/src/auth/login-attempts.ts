import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Charge, RateLimitService, Reservation } from '../rate-limit/rate-limit.service';
import type { FailedLoginAttemptsDto } from './dto/auth.dto';

/** A device or address stays known this long after its last successful login. */
export const KNOWN_SOURCE_DAYS = 90;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Where a login comes from: the rate-limit address key, and the device token the SPA keeps, if it sent one. */
export interface LoginSource {
  address: string;
  deviceToken: string | null;
}

/** One login attempt between the budget check and the password's verdict. */
export interface LoginAttempt {
  /** The password was right: the attempt does not count; remember where it came from; report earlier failures. */
  succeeded(): Promise<{ deviceToken: string; failedLoginAttempts: FailedLoginAttemptsDto | null }>;
  /** The password was wrong: the reserved points stay spent, and the owner will be told. */
  failed(): Promise<void>;
}

/**
 * Password guessing is kept expensive without letting a stranger lock the owner out:
 * - Only failures count. Each attempt reserves one point from its budgets before the password is checked (so a
 *   burst of concurrent guesses cannot overshoot), and a correct password gives the points back.
 * - From an unknown device and address: the phone's budget (`RATE_LIMIT_LOGIN`) and the address's generous
 *   backstop (`RATE_LIMIT_LOGIN_ADDRESS`: a shop's Wi-Fi or a carrier's NAT puts hundreds of people on one address).
 *   Failures on one phone therefore never refuse another phone from the same address until the backstop is spent.
 * - From a device (token returned at login and register, kept by the SPA, sent back on later logins) or an address
 *   (IPv4, or IPv6 /64) that logged in to this user before: a budget of its own per user and source
 *   (`RATE_LIMIT_LOGIN_KNOWN`, smaller), instead of the phone's and the address's. The owner keeps getting in while
 *   strangers have spent the phone's budget; a stolen device token buys only that small budget.
 * - Every failure on an existing user is noted; the next successful login reports them ("N failed attempts since").
 */
@Injectable()
export class LoginAttempts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rateLimits: RateLimitService,
  ) {}

  /** Reserves the attempt's points, or refuses it with 429 and the real wait. `userId` is null for an unknown phone. */
  async begin(phone: string, userId: string | null, source: LoginSource): Promise<LoginAttempt> {
    const known = userId ? await this.knownSource(userId, source) : null;
    const charges: Charge[] = known
      ? [['loginKnown', `${userId}:${known}`]]
      : [
          ['loginAddress', source.address],
          ['login', `phone:${phone}`],
        ];
    const reservation: Reservation = await this.rateLimits.take(charges);
    return {
      succeeded: async () => {
        await reservation.refund();
        const deviceToken = await this.remember(userId!, source);
        return { deviceToken, failedLoginAttempts: await this.takeFailureNotice(userId!) };
      },
      failed: async () => {
        if (userId) await this.noteFailure(userId);
      },
    };
  }

  /**
   * Marks the device and address as known for this user (after a successful login or registration) and returns the
   * device token to keep: the one presented, or a new one.
   */
  async remember(userId: string, source: LoginSource): Promise<string> {
    const deviceToken = source.deviceToken ?? randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO login_known_sources (user_id, kind, fingerprint) VALUES ($1, 'device', $2), ($1, 'address', $3)
       ON CONFLICT (user_id, kind, fingerprint) DO UPDATE SET last_success_at = now()`,
      [userId, sha256(deviceToken), sha256(source.address)],
    );
    return deviceToken;
  }

  /** `device:<hash>` or `address:<hash>` when this device or address logged in to the user before; the device wins. */
  private async knownSource(userId: string, source: LoginSource): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT kind, fingerprint FROM login_known_sources
        WHERE user_id = $1 AND last_success_at > now() - make_interval(days => $4)
          AND ((kind = 'device' AND fingerprint = $2) OR (kind = 'address' AND fingerprint = $3))
        ORDER BY kind = 'device' DESC LIMIT 1`,
      [userId, source.deviceToken ? sha256(source.deviceToken) : '', sha256(source.address), KNOWN_SOURCE_DAYS],
    );
    return row ? `${row.kind}:${row.fingerprint}` : null;
  }

  private async noteFailure(userId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_failure_notices AS n (user_id, attempts, first_at, last_at) VALUES ($1, 1, now(), now())
       ON CONFLICT (user_id) DO UPDATE SET attempts = n.attempts + 1, last_at = now()`,
      [userId],
    );
  }

  private async takeFailureNotice(userId: string): Promise<FailedLoginAttemptsDto | null> {
    const [row] = await this.dataSource.query(
      `WITH d AS (DELETE FROM login_failure_notices WHERE user_id = $1 RETURNING attempts, first_at, last_at) SELECT * FROM d`,
      [userId],
    );
    return row ? { count: row.attempts, since: new Date(row.first_at).toISOString(), lastAt: new Date(row.last_at).toISOString() } : null;
  }

  /** Known sources not seen for `KNOWN_SOURCE_DAYS` are forgotten. */
  async purgeStale(): Promise<number> {
    const [{ purged }] = await this.dataSource.query(
      `WITH d AS (DELETE FROM login_known_sources WHERE last_success_at < now() - make_interval(days => $1) RETURNING 1)
       SELECT count(*)::int AS purged FROM d`,
      [KNOWN_SOURCE_DAYS],
    );
    return purged;
  }
}
