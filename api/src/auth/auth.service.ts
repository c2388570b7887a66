import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { newShortCode } from '../businesses/short-code';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/pg-errors';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import type { AuthResponseDto, LoginDto, MeDto, RegisterDto, UserDto } from './dto/auth.dto';
import type { Role } from './entities/user.entity';
import { AccessTokenClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from './jwt.strategy';
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

@Injectable()
export class AuthService {
  /** Verified against when the phone is unknown, so a wrong phone costs as long as a wrong password. */
  private readonly decoyHash = argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto, address: string): Promise<AuthResponseDto> {
    await this.rateLimits.consume('register', [`phone:${dto.phone}`, `ip:${address}`]);
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
      return this.issueTokens(this.dataSource.manager, user, randomUUID());
    } catch (error) {
      if (isUniqueViolation(error, 'users_phone'))
        throw new DomainError(ProblemCode.PhoneTaken, 'This phone number is already registered; log in instead');
      throw error;
    }
  }

  async login(dto: LoginDto, address: string): Promise<AuthResponseDto> {
    await this.rateLimits.consume('login', [`phone:${dto.phone}`, `ip:${address}`]);
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.role, u.name, u.phone, u.password_hash, b.id AS business_id, c.id AS customer_id
         FROM users u
         LEFT JOIN businesses b ON b.owner_user_id = u.id
         LEFT JOIN customers c ON c.user_id = u.id
        WHERE u.phone = $1`,
      [dto.phone],
    )) as (UserRow & { password_hash: string })[];
    const valid = await argon2.verify(row?.password_hash ?? (await this.decoyHash), dto.password);
    if (!row || !valid) throw new DomainError(ProblemCode.InvalidCredentials, 'Phone or password is wrong');
    return this.issueTokens(this.dataSource.manager, row, randomUUID());
  }

  /** Rotates: the presented token is spent and a new one of the same family issued. A spent token revokes the family. */
  async refresh(refreshToken: string): Promise<AuthResponseDto> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const [token] = await em.query(
        `SELECT t.id, t.family_id, t.used_at, t.revoked_at, t.expires_at < now() AS expired,
                u.id AS user_id, u.role, u.name, u.phone, b.id AS business_id, c.id AS customer_id
           FROM refresh_tokens t
           JOIN users u ON u.id = t.user_id
           LEFT JOIN businesses b ON b.owner_user_id = u.id
           LEFT JOIN customers c ON c.user_id = u.id
          WHERE t.token_hash = $1
          FOR UPDATE OF t`,
        [sha256(refreshToken)],
      );
      if (!token || token.revoked_at || token.expired) return { kind: 'invalid' as const };
      if (token.used_at) {
        await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [token.family_id]);
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
      return { kind: 'ok' as const, response: await this.issueTokens(em, user, token.family_id) };
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
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
      [sha256(refreshToken)],
    );
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

  private async issueTokens(em: EntityManager, user: UserRow, familyId: string): Promise<AuthResponseDto> {
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
    const refreshToken = randomBytes(32).toString('base64url');
    await em.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [user.id, familyId, sha256(refreshToken), this.config.refreshTokenTtlSeconds],
    );
    return { accessToken, accessTokenExpiresIn: this.config.accessTokenTtlSeconds, refreshToken, user: toUserDto(user) };
  }
}

function toUserDto(row: { id: string; role: Role; name: string; phone: string }): UserDto {
  return { id: row.id, role: row.role, name: row.name, phone: row.phone };
}
