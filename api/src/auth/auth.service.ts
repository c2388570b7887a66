import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { newShortCode } from '../businesses/short-code';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/pg-errors';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import type { AuthResponseDto, LoginDto, LoginResponseDto, MeDto, RegisterDto, UserDto } from './dto/auth.dto';
import type { Role } from './entities/user.entity';
import { AccessTokenClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from './jwt.strategy';
import { LoginAttempts, LoginSource } from './login-attempts';
import type { Principal } from './principal';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

interface UserRow {
  id: string;
  role: Role;
  name: string;
  phone: string;
  business_id: string | null;
  customer_id: string | null;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Spent, revoked and expired refresh tokens (and ended families) are kept this long past their end, then purged. */
const PURGE_GRACE_HOURS = 24;

@Injectable()
export class AuthService {
  /** Verified against when the phone is unknown, so a wrong phone costs as long as a wrong password. */
  private readonly decoyHash = argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly rateLimits: RateLimitService,
    private readonly loginAttempts: LoginAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every attempt counts here (a registration succeeds once per phone): per phone, and a generous per-address backstop. */
  async register(dto: RegisterDto, address: string): Promise<LoginResponseDto> {
    await this.rateLimits.take([
      ['registerAddress', address],
      ['register', `phone:${dto.phone}`],
    ]);
    if (dto.role === 'business' && (!dto.businessName || !dto.upiId)) {
      throw new DomainError(ProblemCode.ValidationFailed, 'A business needs businessName and upiId', {
        errors: [
          ...(dto.businessName ? [] : [{ field: 'businessName', message: 'businessName is required for a business' }]),
          ...(dto.upiId ? [] : [{ field: 'upiId', message: 'upiId is required for a business' }]),
        ],
      });
    }
    if (dto.role === 'customer' && (dto.businessName !== undefined || dto.upiId !== undefined)) {
      throw new DomainError(ProblemCode.ValidationFailed, 'businessName and upiId are only for a business', {
        errors: [{ field: dto.businessName !== undefined ? 'businessName' : 'upiId', message: 'only a business has this field' }],
      });
    }
    const passwordHash = await argon2.hash(dto.password, ARGON2_OPTIONS);
    try {
      const user = await this.dataSource.transaction(async (em) => {
        const [created] = (await em.query(
          `INSERT INTO users (role, name, phone, password_hash) VALUES ($1, $2, $3, $4) RETURNING id, role, name, phone`,
          [dto.role, dto.name, dto.phone, passwordHash],
        )) as UserRow[];
        if (dto.role === 'business') {
          const [business] = await em.query(
            `INSERT INTO businesses (owner_user_id, name, upi_id, join_code) VALUES ($1, $2, $3, $4) RETURNING id`,
            [created.id, dto.businessName, dto.upiId, newShortCode(8)],
          );
          return { ...created, business_id: business.id as string, customer_id: null };
        }
        const [customer] = await em.query(`INSERT INTO customers (user_id, name, phone) VALUES ($1, $2, $3) RETURNING id`, [
          created.id,
          dto.name,
          dto.phone,
        ]);
        return { ...created, business_id: null, customer_id: customer.id as string };
      });
      const tokens = await this.issueTokens(this.dataSource.manager, user, null);
      const deviceToken = await this.loginAttempts.remember(user.id, { address, deviceToken: dto.deviceToken ?? null });
      return { ...tokens, deviceToken, failedLoginAttempts: null };
    } catch (error) {
      if (isUniqueViolation(error, 'users_phone'))
        throw new DomainError(ProblemCode.PhoneTaken, 'This phone number is already registered; log in instead');
      throw error;
    }
  }

  /** Failed attempts are limited and reported to the owner; see `LoginAttempts` for who is limited how. */
  async login(dto: LoginDto, address: string): Promise<LoginResponseDto> {
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.role, u.name, u.phone, u.password_hash, b.id AS business_id, c.id AS customer_id
         FROM users u
         LEFT JOIN businesses b ON b.owner_user_id = u.id
         LEFT JOIN customers c ON c.user_id = u.id
        WHERE u.phone = $1`,
      [dto.phone],
    )) as (UserRow & { password_hash: string })[];
    const source: LoginSource = { address, deviceToken: dto.deviceToken ?? null };
    const attempt = await this.loginAttempts.begin(dto.phone, row?.id ?? null, source);
    const valid = await argon2.verify(row?.password_hash ?? (await this.decoyHash), dto.password);
    if (!row || !valid) {
      await attempt.failed();
      throw new DomainError(ProblemCode.InvalidCredentials, 'Phone or password is wrong');
    }
    const tokens = await this.issueTokens(this.dataSource.manager, row, null);
    return { ...tokens, ...(await attempt.succeeded()) };
  }

  /**
   * Rotates: the presented token is spent and a new one of the same family issued, valid for the sliding
   * `REFRESH_TOKEN_TTL_SECONDS` but never past the family's absolute end. A spent token revokes the family.
   * The family row is locked first, as logout and reuse detection lock it: a revocation waits for a refresh in
   * flight (and then revokes what it minted too, since validity is the family's), or the refresh waits and fails.
   */
  async refresh(refreshToken: string): Promise<AuthResponseDto> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const hash = sha256(refreshToken);
      const [family] = await em.query(
        `SELECT f.id, f.revoked_at, f.expires_at <= now() AS ended
           FROM refresh_token_families f
          WHERE f.id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)
          FOR UPDATE`,
        [hash],
      );
      if (!family || family.revoked_at || family.ended) return { kind: 'invalid' as const };
      const [token] = await em.query(
        `SELECT t.id, t.used_at, t.expires_at <= now() AS expired,
                u.id AS user_id, u.role, u.name, u.phone, b.id AS business_id, c.id AS customer_id
           FROM refresh_tokens t
           JOIN users u ON u.id = t.user_id
           LEFT JOIN businesses b ON b.owner_user_id = u.id
           LEFT JOIN customers c ON c.user_id = u.id
          WHERE t.token_hash = $1
          FOR UPDATE OF t`,
        [hash],
      );
      if (!token || token.expired) return { kind: 'invalid' as const };
      if (token.used_at) {
        await this.revokeFamily(em, family.id);
        return { kind: 'reused' as const };
      }
      await em.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [token.id]);
      const user: UserRow = {
        id: token.user_id,
        role: token.role,
        name: token.name,
        phone: token.phone,
        business_id: token.business_id,
        customer_id: token.customer_id,
      };
      return { kind: 'ok' as const, response: await this.issueTokens(em, user, family.id) };
    });
    // The revocation above is committed before the caller is told.
    if (outcome.kind === 'reused') {
      throw new DomainError(
        ProblemCode.RefreshTokenReused,
        'This refresh token was already used; every session of this login is now signed out',
      );
    }
    if (outcome.kind === 'invalid')
      throw new DomainError(ProblemCode.RefreshTokenInvalid, 'The refresh token is unknown, expired or revoked; log in again');
    return outcome.response;
  }

  /** Revokes the token's whole family. Unknown tokens are ignored, so logging out twice is harmless. */
  async logout(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [family] = await em.query(
        `SELECT id FROM refresh_token_families WHERE id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) FOR UPDATE`,
        [sha256(refreshToken)],
      );
      if (family) await this.revokeFamily(em, family.id);
    });
  }

  /** In the caller's transaction, which holds the family's lock: the family ends, and (for the record) each of its tokens. */
  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.query(`UPDATE refresh_token_families SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [familyId]);
    await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /**
   * Deletes what can never be used again, once a day old: families that ended or were revoked (their tokens with
   * them), and expired tokens. A spent token of a living family is kept until it would have expired: presenting it
   * again is how a stolen token is detected (the family is then revoked).
   */
  async purgeEndedTokens(): Promise<{ families: number; tokens: number }> {
    const [{ families }] = await this.dataSource.query(
      `WITH d AS (DELETE FROM refresh_token_families
                   WHERE expires_at < now() - make_interval(hours => $1) OR revoked_at < now() - make_interval(hours => $1)
                   RETURNING 1)
       SELECT count(*)::int AS families FROM d`,
      [PURGE_GRACE_HOURS],
    );
    const [{ tokens }] = await this.dataSource.query(
      `WITH d AS (DELETE FROM refresh_tokens WHERE expires_at < now() - make_interval(hours => $1) RETURNING 1)
       SELECT count(*)::int AS tokens FROM d`,
      [PURGE_GRACE_HOURS],
    );
    return { families, tokens };
  }

  async me(principal: Principal): Promise<MeDto> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.role, u.name, u.phone,
              b.id AS business_id, b.name AS business_name, b.upi_id, b.join_code,
              c.id AS customer_id, c.name AS customer_name, c.phone AS customer_phone
         FROM users u
         LEFT JOIN businesses b ON b.owner_user_id = u.id
         LEFT JOIN customers c ON c.user_id = u.id
        WHERE u.id = $1`,
      [principal.userId],
    );
    if (!row) throw new DomainError(ProblemCode.Unauthenticated, 'This user no longer exists');
    return {
      user: toUserDto(row),
      business: row.business_id ? { id: row.business_id, name: row.business_name, upiId: row.upi_id, joinCode: row.join_code } : null,
      customer: row.customer_id ? { id: row.customer_id, name: row.customer_name, phone: row.customer_phone } : null,
    };
  }

  /** A new access token and refresh token; `familyId` null starts a new family (a login), ending after `REFRESH_FAMILY_TTL_SECONDS`. */
  private async issueTokens(em: EntityManager, user: UserRow, familyId: string | null): Promise<AuthResponseDto> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      ...(user.business_id ? { bid: user.business_id } : {}),
      ...(user.customer_id ? { cid: user.customer_id } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      secret: this.config.jwtSecret,
      audience: TOKEN_AUDIENCE,
      issuer: TOKEN_ISSUER,
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    if (familyId === null) {
      const [family] = await em.query(
        `INSERT INTO refresh_token_families (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id`,
        [user.id, this.config.refreshFamilyTtlSeconds],
      );
      familyId = family.id as string;
    }
    const refreshToken = randomBytes(32).toString('base64url');
    await em.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       SELECT $1, f.id, $3, least(now() + make_interval(secs => $4), f.expires_at) FROM refresh_token_families f WHERE f.id = $2`,
      [user.id, familyId, sha256(refreshToken), this.config.refreshTokenTtlSeconds],
    );
    return { accessToken, accessTokenExpiresIn: this.config.accessTokenTtlSeconds, refreshToken, user: toUserDto(user) };
  }
}

function toUserDto(row: { id: string; role: Role; name: string; phone: string }): UserDto {
  return { id: row.id, role: row.role, name: row.name, phone: row.phone };
}
