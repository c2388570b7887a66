import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';

export interface StoredResponse {
  fingerprint: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * `idempotency_keys`: per user and key, the fingerprint of the request and its first response. A key belongs to
 * its user (not a tenant): two users may pick the same key.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /** Takes the key for this request; false when it was taken before (by this request's earlier try, or another). */
  @GenerateSql({ params: [SAMPLE.id, 'retry-key-1', 'sha256-of-the-request'] })
  async claim(userId: string, key: string, fingerprint: string): Promise<boolean> {
    const taken = await this.db
      .system('keys are the user’s own')
      .count(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES (:userId, :key, :fingerprint) ON CONFLICT DO NOTHING RETURNING key`,
        { userId, key, fingerprint },
      );
    return taken > 0;
  }

  @GenerateSql({ params: [SAMPLE.id, 'retry-key-1'] })
  find(userId: string, key: string): Promise<StoredResponse | null> {
    return this.db
      .system('keys are the user’s own')
      .one(`SELECT fingerprint, status_code, response_body FROM idempotency_keys WHERE user_id = :userId AND key = :key`, { userId, key });
  }

  @GenerateSql({ params: [SAMPLE.id, 'retry-key-1', 201, { id: SAMPLE.id }] })
  async store(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db
      .system('keys are the user’s own')
      .count(`UPDATE idempotency_keys SET status_code = :status, response_body = :body WHERE user_id = :userId AND key = :key`, {
        userId,
        key,
        status,
        body: JSON.stringify(body),
      });
  }

  /** Keys are kept at least 24 hours; older ones are removed. */
  @GenerateSql({ params: [48] })
  purgeOlderThan(hours: number): Promise<number> {
    return this.db
      .system('a purge of every user’s old keys')
      .count(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => :hours)`, { hours });
  }
}
