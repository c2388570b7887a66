import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import { BusinessTenant, CustomerTenant, ownedBy, Tenant } from '../tenancy/tenant';

export interface DataAccountRow {
  id: string;
  business_id: string;
  business_name: string;
  customer_name: string;
  customer_phone: string;
  current_balance: string;
  created_at: Date;
}

export interface DataEntryRow {
  id: string;
  account_id: string;
  entry_no: number;
  type: 'credit' | 'payment';
  amount: string;
  balance_after: string;
  notes: string | null;
  created_at: Date;
}

export interface DataClaimRow {
  id: string;
  account_id: string;
  amount: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  utr: string | null;
  notes: string | null;
  rejection_reason: string | null;
  created_at: Date;
  decided_at: Date | null;
}

export interface DataShopRow {
  id: string;
  name: string;
  upi_id: string;
  created_at: Date;
}

/**
 * A person's data as the DPDP Act sees it: what a tenant's export reads (their accounts, entries and claims), and
 * what closing an account rewrites (the person's name and phone on the shop's books, a shop's join code). The rows
 * belong to other aggregates; these statements are the only ones that read or change them for this purpose, so the
 * purpose stays in one place. Every statement is the tenant's own.
 */
@Injectable()
export class PersonalDataRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({ params: [SAMPLE.businessTenant] })
  shop(tenant: BusinessTenant): Promise<DataShopRow | null> {
    return this.db.tenant(tenant).one(`SELECT b.id, b.name, b.upi_id, b.created_at FROM businesses b WHERE b.id = :tenantId`);
  }

  @GenerateSql({ name: 'owner', params: [SAMPLE.businessTenant] }, { name: 'customer', params: [SAMPLE.customerTenant] })
  accounts(tenant: Tenant): Promise<DataAccountRow[]> {
    return this.db.tenant(tenant).rows(
      `SELECT a.id, a.business_id, b.name AS business_name, a.display_name AS customer_name, c.phone AS customer_phone,
              a.current_balance, a.created_at
         FROM customer_credits a JOIN businesses b ON b.id = a.business_id JOIN customers c ON c.id = a.customer_id
        WHERE ${ownedBy(tenant, 'a')}
        ORDER BY a.created_at, a.id`,
    );
  }

  @GenerateSql({ name: 'owner', params: [SAMPLE.businessTenant] }, { name: 'customer', params: [SAMPLE.customerTenant] })
  entries(tenant: Tenant): Promise<DataEntryRow[]> {
    return this.db.tenant(tenant).rows(
      `SELECT t.id, t.account_id, t.entry_no, t.transaction_type AS type, t.amount, t.balance_after, t.notes, t.created_at
         FROM transactions t
        WHERE ${ownedBy(tenant, 't')}
        ORDER BY t.account_id, t.entry_no`,
    );
  }

  @GenerateSql({ name: 'owner', params: [SAMPLE.businessTenant] }, { name: 'customer', params: [SAMPLE.customerTenant] })
  claims(tenant: Tenant): Promise<DataClaimRow[]> {
    return this.db.tenant(tenant).rows(
      `SELECT p.transaction_id AS id, p.account_id, p.amount, p.status, p.utr, p.notes, p.rejection_reason, p.created_at,
              coalesce(p.approved_at, p.rejected_at, p.cancelled_at) AS decided_at
         FROM pending_payments p
        WHERE ${ownedBy(tenant, 'p')}
        ORDER BY p.created_at, p.transaction_id`,
    );
  }

  /** What stands in the way of closing a shop: accounts that are not settled, and claims waiting for a decision. */
  @GenerateSql({ params: [SAMPLE.businessTenant] })
  async openBooks(tenant: BusinessTenant): Promise<{ unsettled: number; pending: number }> {
    const row = await this.db.tenant(tenant).one<{ unsettled: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM customer_credits a WHERE a.business_id = :tenantId AND a.current_balance <> 0) AS unsettled,
              (SELECT count(*)::int FROM pending_payments p WHERE p.business_id = :tenantId AND p.status = 'pending') AS pending`,
    );
    return row!;
  }

  /** A closed shop keeps its books (its customers still read them) but nobody joins it any more. */
  @GenerateSql({ params: [SAMPLE.businessTenant] })
  async closeShop(tenant: BusinessTenant): Promise<void> {
    await this.db
      .tenant(tenant)
      .count(
        `UPDATE businesses b SET closed_at = now(), join_code = NULL, updated_at = now() WHERE b.id = :tenantId AND b.closed_at IS NULL`,
      );
  }

  /**
   * A customer who closes their account: their own record and every shop's name for them become the pseudonym, their
   * phone a number no one has. The entries, balances and claims stay in each shop's books.
   */
  @GenerateSql({ params: [SAMPLE.customerTenant, 'Closed account 7F3A', '+911000000000'] })
  async pseudonymiseCustomer(tenant: CustomerTenant, pseudonym: string, phone: string): Promise<void> {
    const own = this.db.tenant(tenant);
    await own.count(`UPDATE customers c SET name = :pseudonym, phone = :phone WHERE c.id = :tenantId`, { pseudonym, phone });
    await own.count(`UPDATE customer_credits a SET display_name = :pseudonym WHERE a.customer_id = :tenantId`, { pseudonym });
  }

  /** What the API kept about the user's logins and requests goes (tokens are revoked separately): devices, failures, replies, codes. */
  @GenerateSql({ params: [SAMPLE.id] })
  async forgetLogins(userId: string): Promise<void> {
    const forget = this.db.system('a closing user’s own login records');
    await forget.count(`DELETE FROM recovery_codes WHERE user_id = :userId`, { userId });
    await forget.count(`DELETE FROM login_known_sources WHERE user_id = :userId`, { userId });
    await forget.count(`DELETE FROM login_failure_notices WHERE user_id = :userId`, { userId });
    await forget.count(`DELETE FROM idempotency_keys WHERE user_id = :userId`, { userId });
  }
}
