import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyPrincipal, BusinessPrincipal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { iso } from '../database/rows';
import { decodeCursor, PageQuery, toPage } from '../pagination/pagination';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { businessTenant } from '../tenancy/tenant';
import { ApiKeyRow, ApiKeysRepository } from './api-keys.repository';
import { ApiKeyDto, ApiKeyPageDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import type { Scope } from './scopes';

const KEY_PREFIX = 'kp_';
/** Characters of the secret shown in lists after `kp_`. */
const VISIBLE = 8;
/** A key's last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    prefix: row.prefix,
    createdAt: iso(row.created_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

const keyNotFound = () => new DomainError(ProblemCode.ApiKeyNotFound, 'No API key of yours has this id');

/** The owner's API keys: made (the key shown once), listed, revoked. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  async create(owner: BusinessPrincipal, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const row = await this.keys.create(businessTenant(owner.businessId), owner.userId, {
      name: dto.name,
      prefix: key.slice(0, KEY_PREFIX.length + VISIBLE),
      secretHash: hashKey(key),
      scopes: dto.scopes,
    });
    return { ...toApiKeyDto(row), key };
  }

  async list(owner: BusinessPrincipal, query: PageQuery): Promise<ApiKeyPageDto> {
    const limit = query.limit ?? 20;
    const rows = await this.keys.list(businessTenant(owner.businessId), { limit, after: decodeCursor(query.cursor) });
    return toPage(rows, limit, toApiKeyDto);
  }

  async revoke(owner: BusinessPrincipal, keyId: string): Promise<ApiKeyDto> {
    const row = await this.keys.revoke(businessTenant(owner.businessId), keyId);
    if (!row) throw keyNotFound();
    return toApiKeyDto(row);
  }
}

/**
 * A request with `X-Api-Key`: who it is (401 `API_KEY_INVALID` for an unknown or revoked key, looked up on every
 * request, so a revocation works at once on every API process), whether the operation accepts keys and this key's
 * scopes (403), the key's rate limit (429), and its last use (written at most once a minute).
 */
@Injectable()
export class ApiKeyAuthenticator {
  /** When this process last wrote each key's last use. */
  private readonly touched = new Map<string, number>();
  private readonly streamLifetimeMs: number;

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.streamLifetimeMs = config.accessTokenTtlSeconds * 1000;
  }

  async authenticate(key: string, required: readonly Scope[] | undefined): Promise<ApiKeyPrincipal> {
    const row = key.startsWith(KEY_PREFIX) && key.length <= 100 ? await this.keys.findActive(hashKey(key)) : null;
    if (!row) throw new DomainError(ProblemCode.ApiKeyInvalid, 'The API key (X-Api-Key) is unknown or revoked');
    if (!required) {
      throw new DomainError(ProblemCode.ApiKeyNotAllowed, "This operation cannot be called with an API key; use the owner's sign-in");
    }
    const missing = required.filter((scope) => !row.scopes.includes(scope));
    if (missing.length > 0) {
      throw new DomainError(ProblemCode.InsufficientScope, `The API key lacks the scope ${missing.join(', ')}`, {
        requiredScopes: [...required],
      });
    }
    await this.rateLimits.take([['apiKey', row.id]]);
    await this.recordUse(row.id, row.last_used_at);
    return {
      kind: 'api-key',
      role: 'business',
      businessId: row.business_id,
      userId: row.created_by,
      keyId: row.id,
      scopes: row.scopes,
      // A key has no expiry; a live stream opened with one ends when the key is revoked (see `revokedAmong`), and
      // after an access token's lifetime at the latest (the client reconnects with Last-Event-ID).
      tokenExpiresAt: Date.now() + this.streamLifetimeMs,
    };
  }

  /** Of these keys, those no longer working: the live streams opened with them end. */
  revokedAmong(keyIds: string[]): Promise<string[]> {
    return this.keys.revokedAmong(keyIds);
  }

  private async recordUse(keyId: string, lastUsedAt: Date | null): Promise<void> {
    const now = Date.now();
    const last = Math.max(this.touched.get(keyId) ?? 0, lastUsedAt?.getTime() ?? 0);
    if (now - last < TOUCH_EVERY_MS) return;
    this.touched.set(keyId, now);
    if (this.touched.size > 10_000) this.touched.clear();
    await this.keys.touch(keyId);
  }
}
