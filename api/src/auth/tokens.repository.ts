import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { UserRow } from './users.repository';

/** A refresh token being presented, with its user (as the token's holder would sign in). */
export interface PresentedToken extends UserRow {
  token_id: string;
  used_at: Date | null;
  expired: boolean;
}

/**
 * Refresh tokens (only their SHA-256 is kept) and their families: the tokens of one login, which end together
 * (reuse detection, logout, the family's absolute lifetime).
 */
@Injectable()
export class TokensRepository {
  constructor(private readonly db: Database) {}

  /** A login's family, ending after `ttlSeconds` whatever happens. */
  @GenerateSql({ params: [SAMPLE.id, 60 * 86400] })
  async startFamily(userId: string, ttlSeconds: number): Promise<string> {
    const row = await this.db
      .system('tokens belong to a user, not a tenant')
      .one<{ id: string }>(
        `INSERT INTO refresh_token_families (user_id, expires_at) VALUES (:userId, now() + make_interval(secs => :ttlSeconds)) RETURNING id`,
        {
          userId,
          ttlSeconds,
        },
      );
    return row!.id;
  }

  /** A token of the family, valid for `ttlSeconds` but never past the family's end. */
  @GenerateSql({ params: [SAMPLE.id, SAMPLE.id, 'sha256-of-the-token', 30 * 86400] })
  async issue(userId: string, familyId: string, tokenHash: string, ttlSeconds: number): Promise<void> {
    await this.db.system('tokens belong to a user, not a tenant').count(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       SELECT :userId, f.id, :tokenHash, least(now() + make_interval(secs => :ttlSeconds), f.expires_at) FROM refresh_token_families f WHERE f.id = :familyId`,
      { userId, familyId, tokenHash, ttlSeconds },
    );
  }

  /**
   * The family of a presented token, locked (refresh, logout and reuse detection all lock it first): a revocation
   * waits for a refresh in flight, or the refresh waits and then fails.
   */
  @GenerateSql({ params: ['sha256-of-the-token'] })
  lockFamilyOf(tokenHash: string): Promise<{ id: string; revoked_at: Date | null; ended: boolean } | null> {
    return this.db.system('a refresh token is presented by whoever holds it').one(
      `SELECT f.id, f.revoked_at, f.expires_at <= now() AS ended
         FROM refresh_token_families f
        WHERE f.id = (SELECT family_id FROM refresh_tokens WHERE token_hash = :tokenHash)
        FOR UPDATE`,
      { tokenHash },
    );
  }

  @GenerateSql({ params: ['sha256-of-the-token'] })
  findPresented(tokenHash: string): Promise<PresentedToken | null> {
    return this.db.system('a refresh token is presented by whoever holds it').one(
      `SELECT t.id AS token_id, t.used_at, t.expires_at <= now() AS expired,
              u.id, u.role, u.name, u.phone, b.id AS business_id, c.id AS customer_id
         FROM refresh_tokens t
         JOIN users u ON u.id = t.user_id
         LEFT JOIN businesses b ON b.owner_user_id = u.id
         LEFT JOIN customers c ON c.user_id = u.id
        WHERE t.token_hash = :tokenHash
        FOR UPDATE OF t`,
      { tokenHash },
    );
  }

  @GenerateSql({ params: [SAMPLE.id] })
  async spend(tokenId: string): Promise<void> {
    await this.db
      .system('tokens belong to a user, not a tenant')
      .count(`UPDATE refresh_tokens SET used_at = now() WHERE id = :tokenId`, { tokenId });
  }

  /** In the caller's transaction, which holds the family's lock: the family ends, and (for the record) each of its tokens. */
  @GenerateSql({ params: [SAMPLE.id] })
  async revokeFamily(familyId: string): Promise<void> {
    const revoke = this.db.system('tokens belong to a user, not a tenant');
    await revoke.count(`UPDATE refresh_token_families SET revoked_at = now() WHERE id = :familyId AND revoked_at IS NULL`, { familyId });
    await revoke.count(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :familyId AND revoked_at IS NULL`, { familyId });
  }

  /**
   * Every login of the user ends (log out everywhere, a new password, recovery, closing). Each family's lock is taken
   * as refresh takes it: a refresh in flight finishes first (and what it minted dies with its family) or waits and fails.
   */
  @GenerateSql({ params: [SAMPLE.id] })
  async revokeAllOf(userId: string): Promise<number> {
    const revoke = this.db.system('tokens belong to a user, not a tenant');
    const families = await revoke.count(
      `UPDATE refresh_token_families SET revoked_at = now() WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > now()`,
      { userId },
    );
    await revoke.count(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = :userId AND revoked_at IS NULL`, { userId });
    return families;
  }

  /**
   * Deletes what can never be used again, `graceHours` past its end: families that ended or were revoked (their tokens
   * with them), and expired tokens. A spent token of a living family is kept until it would have expired: presenting
   * it again is how a stolen token is detected (the family is then revoked).
   */
  @GenerateSql({ params: [24] })
  async purgeEnded(graceHours: number): Promise<{ families: number; tokens: number }> {
    const purge = this.db.system('a purge of every user’s ended tokens');
    const families = await purge.count(
      `DELETE FROM refresh_token_families
        WHERE expires_at < now() - make_interval(hours => :graceHours) OR revoked_at < now() - make_interval(hours => :graceHours)`,
      { graceHours },
    );
    const tokens = await purge.count(`DELETE FROM refresh_tokens WHERE expires_at < now() - make_interval(hours => :graceHours)`, {
      graceHours,
    });
    return { families, tokens };
  }
}
