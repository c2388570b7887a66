import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { BusinessTenant, CustomerTenant, Tenant } from '../tenancy/tenant';

export interface BusinessRow {
  id: string;
  name: string;
  upi_id: string;
  join_code: string;
}

const COLUMNS = `b.id, b.name, b.upi_id, b.join_code`;

/** The businesses table: a shop, its UPI ID and join code. A business tenant is the business itself. */
@Injectable()
export class BusinessesRepository {
  constructor(private readonly db: Database) {}

  /** The tenant's business: its own (a business), or one it has an account with (a customer). */
  @GenerateSql(
    { name: 'owner', params: [SAMPLE.businessTenant, SAMPLE.id] },
    { name: 'customer', params: [SAMPLE.customerTenant, SAMPLE.id] },
  )
  find(tenant: Tenant, businessId: string): Promise<BusinessRow | null> {
    const visible =
      tenant.kind === 'business'
        ? `b.id = :tenantId`
        : `EXISTS (SELECT 1 FROM customer_credits a WHERE a.business_id = b.id AND a.customer_id = :tenantId)`;
    return this.db.tenant(tenant).one(`SELECT ${COLUMNS} FROM businesses b WHERE b.id = :businessId AND ${visible}`, { businessId });
  }

  @GenerateSql({ params: [SAMPLE.businessTenant, { name: 'Sharma General Store', upiId: 'sharmastore@okaxis' }] })
  update(tenant: BusinessTenant, changes: { name?: string; upiId?: string }): Promise<BusinessRow | null> {
    return this.db.tenant(tenant).one(
      `UPDATE businesses b SET name = coalesce(:name, name), upi_id = coalesce(:upiId, upi_id), updated_at = now()
        WHERE b.id = :tenantId RETURNING ${COLUMNS}`,
      { name: changes.name ?? null, upiId: changes.upiId ?? null },
    );
  }

  @GenerateSql({ params: [SAMPLE.businessTenant, 'K7M3Q9TX'] })
  setJoinCode(tenant: BusinessTenant, joinCode: string): Promise<BusinessRow | null> {
    return this.db
      .tenant(tenant)
      .one(`UPDATE businesses b SET join_code = :joinCode, updated_at = now() WHERE b.id = :tenantId RETURNING ${COLUMNS}`, { joinCode });
  }

  /**
   * Holds the business's row until the transaction ends: adds of customers (one account per phone) and the test
   * customer's first use serialise on it.
   */
  @GenerateSql({ params: [SAMPLE.businessTenant] })
  async lock(tenant: BusinessTenant): Promise<void> {
    await this.db.tenant(tenant).rows(`SELECT 1 FROM businesses b WHERE b.id = :tenantId FOR UPDATE`);
  }

  /**
   * Whether a shop the customer has an account with has closed (its owner closed their account). FOR KEY SHARE, as a
   * foreign key check would: a closing (which holds the row FOR UPDATE while it counts the claims waiting) and a claim
   * happen one after the other, so no claim lands in a closed shop's books.
   */
  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id] })
  async isClosed(tenant: CustomerTenant, businessId: string): Promise<boolean> {
    const row = await this.db.tenant(tenant).one<{ closed: boolean }>(
      `SELECT b.closed_at IS NOT NULL AS closed FROM businesses b
        WHERE b.id = :businessId AND EXISTS (SELECT 1 FROM customer_credits a WHERE a.business_id = b.id AND a.customer_id = :tenantId)
        FOR KEY SHARE OF b`,
      { businessId },
    );
    return row?.closed ?? false;
  }

  /** Sign-up: a new owner's business. */
  @GenerateSql({ params: [SAMPLE.id, 'Sharma Kirana Store', 'sharmakirana@ybl', 'K7M3Q9TX'] })
  async create(ownerUserId: string, name: string, upiId: string, joinCode: string): Promise<string> {
    const row = await this.db
      .system('a new business has no tenant yet')
      .one<{ id: string }>(
        `INSERT INTO businesses (owner_user_id, name, upi_id, join_code) VALUES (:ownerUserId, :name, :upiId, :joinCode) RETURNING id`,
        { ownerUserId, name, upiId, joinCode },
      );
    return row!.id;
  }

  /** Whose join code this is: a customer joining presents a code, not a business they already know. */
  @GenerateSql({ params: ['K7M3Q9TX'] })
  async findByJoinCode(joinCode: string): Promise<string | null> {
    const row = await this.db
      .system('a join code is looked up before the customer has any account with the business')
      .one<{ id: string }>(`SELECT id FROM businesses WHERE join_code = :joinCode`, { joinCode });
    return row?.id ?? null;
  }
}
