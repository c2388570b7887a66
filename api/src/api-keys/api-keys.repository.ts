import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { KeysetPosition } from '../pagination/pagination';
import type { BusinessTenant } from '../tenancy/tenant';
import type { Scope } from './scopes';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  cursor_at: string;
}

/** What a request with a key needs to know about it. */
export interface ActiveKeyRow {
  id: string;
  business_id: string;
  created_by: string;
  scopes: Scope[];
  last_used_at: Date | null;
}

const COLUMNS = `k.id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at, k.revoked_at, k.created_at::text AS cursor_at`;
const SAMPLE_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The api_keys table: a business's keys, by the SHA-256 of their secrets. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({
    params: [
      SAMPLE.businessTenant,
      SAMPLE.id,
      { name: 'Tally sync', prefix: 'kp_AbCdEfGh', secretHash: SAMPLE_HASH, scopes: ['payments:read'] },
    ],
  })
  async create(
    tenant: BusinessTenant,
    createdBy: string,
    key: { name: string; prefix: string; secretHash: string; scopes: Scope[] },
  ): Promise<ApiKeyRow> {
    const row = await this.db.tenant(tenant).one<ApiKeyRow>(
      `INSERT INTO api_keys AS k (business_id, created_by, name, prefix, secret_hash, scopes)
       VALUES (:tenantId, :createdBy, :name, :prefix, :secretHash, :scopes::text[]) RETURNING ${COLUMNS}`,
      { createdBy, ...key, scopes: [...key.scopes] },
    );
    return row!;
  }

  /** Newest first, revoked ones too (for the record). */
  @GenerateSql(
    { name: 'first page', params: [SAMPLE.businessTenant, { limit: 20, after: null }] },
    { name: 'next page', params: [SAMPLE.businessTenant, { limit: 20, after: SAMPLE.cursor }] },
  )
  list(tenant: BusinessTenant, page: { limit: number; after: KeysetPosition | null }): Promise<ApiKeyRow[]> {
    const after = page.after ? `AND (k.created_at, k.id) < (:afterAt::timestamptz, :afterId::uuid)` : '';
    return this.db
      .tenant(tenant)
      .rows(
        `SELECT ${COLUMNS} FROM api_keys k WHERE k.business_id = :tenantId ${after} ORDER BY k.created_at DESC, k.id DESC LIMIT :rows`,
        { rows: page.limit + 1, afterAt: page.after?.at, afterId: page.after?.id },
      );
  }

  /** Revokes the tenant's key (a revoked key keeps its first revocation time); null when it is not the tenant's. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id] })
  revoke(tenant: BusinessTenant, keyId: string): Promise<ApiKeyRow | null> {
    return this.db
      .tenant(tenant)
      .one(
        `UPDATE api_keys k SET revoked_at = coalesce(k.revoked_at, now()) WHERE k.id = :keyId AND k.business_id = :tenantId RETURNING ${COLUMNS}`,
        { keyId },
      );
  }

  /** The key with this hash, if it works (not revoked). Run on every request that carries a key. */
  @GenerateSql({ params: [SAMPLE_HASH] })
  findActive(secretHash: string): Promise<ActiveKeyRow | null> {
    return this.db
      .system('a key is presented before anyone knows whose it is: its hash says')
      .one(
        `SELECT id, business_id, created_by, scopes, last_used_at FROM api_keys WHERE secret_hash = :secretHash AND revoked_at IS NULL`,
        {
          secretHash,
        },
      );
  }

  /** Of these keys, those revoked (or gone): the open live streams of a process check their keys with it. */
  @GenerateSql({ params: [[SAMPLE.id]] })
  async revokedAmong(keyIds: string[]): Promise<string[]> {
    const active = await this.db
      .system('a process checks the keys its open streams were opened with, whoever’s they are')
      .rows<{ id: string }>(`SELECT id FROM api_keys WHERE id = ANY(:keyIds::uuid[]) AND revoked_at IS NULL`, { keyIds });
    const still = new Set(active.map((row) => row.id));
    return keyIds.filter((id) => !still.has(id));
  }

  /** Records a use, at most once a minute (the guard also skips the statement when it wrote one recently). */
  @GenerateSql({ params: [SAMPLE.id] })
  async touch(keyId: string): Promise<void> {
    await this.db
      .system('the key was identified by its hash just before')
      .count(
        `UPDATE api_keys SET last_used_at = now() WHERE id = :keyId AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        {
          keyId,
        },
      );
  }
}
