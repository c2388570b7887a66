import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { iso } from '../database/rows';
import { Charge, RateLimitService, Reservation } from '../rate-limit/rate-limit.service';
import type { FailedLoginAttemptsDto } from './dto/auth.dto';
import { LoginSourcesRepository } from './login-sources.repository';

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
    private readonly sources: LoginSourcesRepository,
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
    await this.sources.remember(userId, sha256(deviceToken), sha256(source.address));
    return deviceToken;
  }

  /** `device:<hash>` or `address:<hash>` when this device or address logged in to the user before; the device wins. */
  private knownSource(userId: string, source: LoginSource): Promise<string | null> {
    return this.sources.known(userId, source.deviceToken ? sha256(source.deviceToken) : '', sha256(source.address), KNOWN_SOURCE_DAYS);
  }

  private async noteFailure(userId: string): Promise<void> {
    await this.sources.noteFailure(userId);
  }

  private async takeFailureNotice(userId: string): Promise<FailedLoginAttemptsDto | null> {
    const row = await this.sources.takeFailures(userId);
    return row ? { count: row.attempts, since: iso(row.first_at), lastAt: iso(row.last_at) } : null;
  }

  /** Known sources not seen for `KNOWN_SOURCE_DAYS` are forgotten. */
  purgeStale(): Promise<number> {
    return this.sources.forgetOlderThan(KNOWN_SOURCE_DAYS);
  }
}
