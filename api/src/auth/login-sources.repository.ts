import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';

/** Where a user has logged in from (hashed device tokens and addresses), and failed attempts to tell them about. */
@Injectable()
export class LoginSourcesRepository {
  constructor(private readonly db: Database) {}

  /** The device and the address logged in to this user just now. */
  @GenerateSql({ params: [SAMPLE.id, 'sha256-of-the-device-token', 'sha256-of-the-address'] })
  async remember(userId: string, deviceHash: string, addressHash: string): Promise<void> {
    await this.db.system('a user’s own login history').count(
      `INSERT INTO login_known_sources (user_id, kind, fingerprint) VALUES (:userId, 'device', :deviceHash), (:userId, 'address', :addressHash)
       ON CONFLICT (user_id, kind, fingerprint) DO UPDATE SET last_success_at = now()`,
      { userId, deviceHash, addressHash },
    );
  }

  /** `device:<hash>` or `address:<hash>` when this device or address logged in to the user within `days`; the device wins. */
  @GenerateSql({ params: [SAMPLE.id, 'sha256-of-the-device-token', 'sha256-of-the-address', 90] })
  async known(userId: string, deviceHash: string, addressHash: string, days: number): Promise<string | null> {
    const row = await this.db.system('a user’s own login history').one<{ kind: string; fingerprint: string }>(
      `SELECT kind, fingerprint FROM login_known_sources
        WHERE user_id = :userId AND last_success_at > now() - make_interval(days => :days)
          AND ((kind = 'device' AND fingerprint = :deviceHash) OR (kind = 'address' AND fingerprint = :addressHash))
        ORDER BY kind = 'device' DESC LIMIT 1`,
      { userId, deviceHash, addressHash, days },
    );
    return row ? `${row.kind}:${row.fingerprint}` : null;
  }

  @GenerateSql({ params: [SAMPLE.id] })
  async noteFailure(userId: string): Promise<void> {
    await this.db.system('a user’s own login history').count(
      `INSERT INTO login_failure_notices AS n (user_id, attempts, first_at, last_at) VALUES (:userId, 1, now(), now())
       ON CONFLICT (user_id) DO UPDATE SET attempts = n.attempts + 1, last_at = now()`,
      { userId },
    );
  }

  /** The failures noted since the last successful login, which are then forgotten (the owner has been told). */
  @GenerateSql({ params: [SAMPLE.id] })
  takeFailures(userId: string): Promise<{ attempts: number; first_at: Date; last_at: Date } | null> {
    return this.db
      .system('a user’s own login history')
      .one(`DELETE FROM login_failure_notices WHERE user_id = :userId RETURNING attempts, first_at, last_at`, { userId });
  }

  /** Known sources not seen for `days` are forgotten. */
  @GenerateSql({ params: [90] })
  forgetOlderThan(days: number): Promise<number> {
    return this.db
      .system('a purge of every user’s stale sources')
      .count(`DELETE FROM login_known_sources WHERE last_success_at < now() - make_interval(days => :days)`, { days });
  }
}
