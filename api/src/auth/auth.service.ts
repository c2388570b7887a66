import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { BusinessesRepository } from '../businesses/businesses.repository';
import { newJoinCode } from '../businesses/codes';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/pg-errors';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import type {
  AuthResponseDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  RecoverDto,
  RecoverResponseDto,
  RegisterDto,
  RegisterResponseDto,
  UserDto,
} from './dto/auth.dto';
import { AccessTokenClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from './jwt.strategy';
import { LoginAttempts, LoginSource } from './login-attempts';
import type { Principal } from './principal';
import { TokensRepository } from './tokens.repository';
import { UserRow, UsersRepository } from './users.repository';
import { ARGON2_OPTIONS, hashPassword } from './passwords';
import { RecoveryCodesRepository } from './recovery-codes.repository';
import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes';
import { Database } from '../database/database';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Spent, revoked and expired refresh tokens (and ended families) are kept this long past their end, then purged. */
const PURGE_GRACE_HOURS = 24;

type Outcome = { kind: 'ok'; response: AuthResponseDto } | { kind: 'invalid' } | { kind: 'reused' };

@Injectable()
export class AuthService {
  /** Verified against when the phone is unknown, so a wrong phone costs as long as a wrong password. */
  private readonly decoyHash = argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly businesses: BusinessesRepository,
    private readonly tokens: TokensRepository,
    private readonly recoveryCodes: RecoveryCodesRepository,
    private readonly jwt: JwtService,
    private readonly loginAttempts: LoginAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new user with the profile of their role, signed in on this device, with their recovery codes (shown this once);
   * rate-limited at the edge (per phone and per address).
   */
  async register(dto: RegisterDto, source: LoginSource): Promise<RegisterResponseDto> {
    const user = await this.signUp(dto);
    const recoveryCodes = await this.newRecoveryCodes(user.id);
    const tokens = await this.issueTokens(user, null);
    const deviceToken = await this.loginAttempts.remember(user.id, source);
    return { ...tokens, deviceToken, failedLoginAttempts: null, recoveryCodes };
  }

  /** New recovery codes for the user; the old ones stop working. Only their hashes are kept. */
  async newRecoveryCodes(userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.recoveryCodes.replace(
      userId,
      codes.map((code) => recoveryCodeHash(userId, code)),
    );
    return codes;
  }

  /**
   * Getting back in without SMS: one unused recovery code of the phone's user sets a new password, and every session
   * of that user ends. The code is spent. Rate-limited at the edge like login (the same budgets: a guess at a code costs
   * what a guess at the password costs). Wrong phone and wrong code are one answer.
   */
  async recover(dto: RecoverDto): Promise<RecoverResponseDto> {
    const passwordHash = await hashPassword(dto.newPassword);
    const code = normalizeRecoveryCode(dto.recoveryCode);
    return this.db.transaction(async () => {
      const user = await this.users.findByPhone(dto.phone);
      if (!user || !code || !(await this.recoveryCodes.use(user.id, recoveryCodeHash(user.id, code)))) {
        throw new DomainError(ProblemCode.RecoveryCodeInvalid, 'This phone number has no such unused recovery code');
      }
      await this.users.setPassword(user.id, passwordHash);
      await this.tokens.revokeAllOf(user.id);
      return { recoveryCodesLeft: await this.recoveryCodes.left(user.id) };
    });
  }

  /** A new user with the profile of their role (a business they own, or their customer record). */
  async signUp(dto: Omit<RegisterDto, 'deviceToken'>): Promise<UserRow> {
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
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.createUser(dto, passwordHash);
    } catch (error) {
      if (isUniqueViolation(error, 'users_phone'))
        throw new DomainError(ProblemCode.PhoneTaken, 'This phone number is already registered; log in instead');
      throw error;
    }
  }

  private async createUser(dto: Omit<RegisterDto, 'deviceToken'>, passwordHash: string): Promise<UserRow> {
    return this.db.transaction(async () => {
      const user = await this.users.create({ role: dto.role, name: dto.name, phone: dto.phone, passwordHash });
      if (dto.role === 'business') {
        return { ...user, business_id: await this.businesses.create(user.id, dto.businessName!, dto.upiId!, newJoinCode()) };
      }
      return { ...user, customer_id: await this.users.createCustomerProfile(user.id, dto.name, dto.phone) };
    });
  }

  /** Failed attempts are limited and reported to the owner; see `LoginAttempts` for who is limited how. */
  async login(dto: LoginDto, source: LoginSource): Promise<LoginResponseDto> {
    const row = await this.users.findByPhone(dto.phone);
    const attempt = await this.loginAttempts.begin(dto.phone, row?.id ?? null, source);
    const valid = await argon2.verify(row?.password_hash ?? (await this.decoyHash), dto.password);
    if (!row || !valid) {
      await attempt.failed();
      throw new DomainError(ProblemCode.InvalidCredentials, 'Phone or password is wrong');
    }
    const tokens = await this.issueTokens(row, null);
    return { ...tokens, ...(await attempt.succeeded()) };
  }

  /**
   * Rotates: the presented token is spent and a new one of the same family issued, valid for the sliding
   * `REFRESH_TOKEN_TTL_SECONDS` but never past the family's absolute end. A spent token revokes the family.
   * The family row is locked first, as logout and reuse detection lock it: a revocation waits for a refresh in
   * flight (and then revokes what it minted too, since validity is the family's), or the refresh waits and fails.
   */
  async refresh(refreshToken: string): Promise<AuthResponseDto> {
    const outcome = await this.rotate(sha256(refreshToken));
    // The revocation is committed before the caller is told.
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

  private async rotate(tokenHash: string): Promise<Outcome> {
    return this.db.transaction(async () => {
      const family = await this.tokens.lockFamilyOf(tokenHash);
      if (!family || family.revoked_at || family.ended) return { kind: 'invalid' };
      const token = await this.tokens.findPresented(tokenHash);
      if (!token || token.expired) return { kind: 'invalid' };
      if (token.used_at) {
        await this.tokens.revokeFamily(family.id);
        return { kind: 'reused' };
      }
      await this.tokens.spend(token.token_id);
      return { kind: 'ok', response: await this.issueTokens(token, family.id) };
    });
  }

  /** Revokes the token's whole family. Unknown tokens are ignored, so logging out twice is harmless. */
  async logout(refreshToken: string): Promise<void> {
    return this.db.transaction(async () => {
      const family = await this.tokens.lockFamilyOf(sha256(refreshToken));
      if (family) await this.tokens.revokeFamily(family.id);
    });
  }

  purgeEndedTokens(): Promise<{ families: number; tokens: number }> {
    return this.tokens.purgeEnded(PURGE_GRACE_HOURS);
  }

  async me(principal: Principal): Promise<MeDto> {
    const row = await this.users.find(principal.userId);
    if (!row) throw new DomainError(ProblemCode.Unauthenticated, 'This user no longer exists');
    return {
      user: toUserDto(row),
      business: row.business_id ? { id: row.business_id, name: row.business_name!, upiId: row.upi_id!, joinCode: row.join_code! } : null,
      customer: row.customer_id ? { id: row.customer_id, name: row.customer_name!, phone: row.customer_phone! } : null,
    };
  }

  /** A new access token and refresh token; `familyId` null starts a new family (a login), ending after `REFRESH_FAMILY_TTL_SECONDS`. */
  async issueTokens(user: UserRow, familyId: string | null): Promise<AuthResponseDto> {
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
    const family = familyId ?? (await this.tokens.startFamily(user.id, this.config.refreshFamilyTtlSeconds));
    const refreshToken = randomBytes(32).toString('base64url');
    await this.tokens.issue(user.id, family, sha256(refreshToken), this.config.refreshTokenTtlSeconds);
    return { accessToken, accessTokenExpiresIn: this.config.accessTokenTtlSeconds, refreshToken, user: toUserDto(user) };
  }
}

function toUserDto(row: { id: string; role: UserRow['role']; name: string; phone: string }): UserDto {
  return { id: row.id, role: row.role, name: row.name, phone: row.phone };
}
