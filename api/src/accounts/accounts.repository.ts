import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { Projection } from '../database/rows';
import { searchPattern } from '../database/search';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { KeysetPosition } from '../pagination/pagination';
import { type BusinessTenant, type CustomerTenant, ownedBy, type Tenant } from '../tenancy/tenant';

/** One account with the names a screen shows (`a` customer_credits, `b` businesses, `c` customers). */
export interface AccountRow {
  id: string;
  business_id: string;
  business_name: string;
  business_upi_id: string;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  current_balance: string;
  invite_code: string | null;
  claimed: boolean;
  merged_into: string | null;
  pending_total: string;
  due_since: Date | null;
  created_at: Date;
  cursor_at: string;
}

/** Claims of the account waiting for the business's decision, in all (the partial index on pending claims serves it). */
const PENDING_TOTAL = `(SELECT coalesce(sum(x.amount), 0.00) FROM pending_payments x WHERE x.account_id = a.id AND x.status = 'pending')::text`;

/** How a list of accounts may be sorted, and the keyset column of each (nulls of `due_since` last). */
export const ACCOUNT_SORTS = {
  recent: { order: 'a.created_at DESC, a.id DESC', key: 'a.created_at', keyText: 'a.created_at::text', cast: 'timestamptz', dir: '<' },
  owed: {
    order: 'a.current_balance DESC, a.id DESC',
    key: 'a.current_balance',
    keyText: 'a.current_balance::text',
    cast: 'numeric',
    dir: '<',
  },
  oldestDue: {
    order: "coalesce(a.due_since, 'infinity') ASC, a.id ASC",
    key: "coalesce(a.due_since, 'infinity')",
    keyText: "coalesce(a.due_since, 'infinity')::text",
    cast: 'timestamptz',
    dir: '>',
  },
} as const;
export type AccountSort = keyof typeof ACCOUNT_SORTS;

export const ACCOUNT = new Projection<AccountRow>({
  id: 'a.id',
  business_id: 'a.business_id',
  business_name: 'b.name',
  business_upi_id: 'b.upi_id',
  customer_id: 'a.customer_id',
  customer_name: 'a.display_name',
  customer_phone: 'c.phone',
  current_balance: 'a.current_balance',
  invite_code: 'a.invite_code',
  claimed: 'a.claimed_at IS NOT NULL',
  merged_into: 'a.merged_into',
  pending_total: PENDING_TOTAL,
  due_since: 'a.due_since',
  created_at: 'a.created_at',
  cursor_at: 'a.created_at::text',
});

const FROM = `FROM customer_credits a JOIN businesses b ON b.id = a.business_id JOIN customers c ON c.id = a.customer_id`;

/** What a merge needs to know of each of the two accounts. */
export interface MergeSide {
  id: string;
  customer_id: string;
  current_balance: string;
  claimed: boolean;
  merged_into: string | null;
}

export interface CodePreviewRow {
  business_id: string;
  business_name: string;
  kind: 'join' | 'invite';
  account_name: string | null;
  already_linked: boolean;
}

/**
 * Accounts (`customer_credits`, the pair of a business and a customer), the customers they name, and their merges.
 * A merged account is closed: found by id (its history), never listed, taking no entry or claim.
 */
@Injectable()
export class AccountsRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql(
    { name: 'business', params: [SAMPLE.businessTenant, SAMPLE.id] },
    { name: 'customer', params: [SAMPLE.customerTenant, SAMPLE.id] },
  )
  find(tenant: Tenant, accountId: string): Promise<AccountRow | null> {
    return this.db
      .tenant(tenant)
      .one(`SELECT ${ACCOUNT.select()} ${FROM} WHERE a.id = :accountId AND ${ownedBy(tenant, 'a')}`, { accountId });
  }

  /**
   * Newest first, or by the amount owed (most first), or by how long it has been owed (longest first, settled ones
   * last); a business searches its customers' names and phones, a customer its shops' names.
   */
  @GenerateSql(
    { name: 'business', params: [SAMPLE.businessTenant, { limit: 20, after: SAMPLE.cursor, q: 'asha', sort: 'recent' }] },
    { name: 'owed', params: [SAMPLE.businessTenant, { limit: 20, after: { at: '1250.00', id: SAMPLE.id }, sort: 'owed' }] },
    { name: 'oldest due', params: [SAMPLE.businessTenant, { limit: 20, after: { at: 'infinity', id: SAMPLE.id }, sort: 'oldestDue' }] },
    { name: 'customer', params: [SAMPLE.customerTenant, { limit: 20, after: null, q: 'kirana', sort: 'recent' }] },
  )
  list(tenant: Tenant, page: { limit: number; after: KeysetPosition | null; q?: string; sort: AccountSort }): Promise<AccountRow[]> {
    const sort = ACCOUNT_SORTS[page.sort];
    const where = [ownedBy(tenant, 'a'), 'a.merged_into IS NULL'];
    if (page.after) where.push(`(${sort.key}, a.id) ${sort.dir} (:afterAt::${sort.cast}, :afterId::uuid)`);
    const q = page.q?.trim();
    if (q) where.push(tenant.kind === 'business' ? `(a.display_name ILIKE :pattern OR c.phone LIKE :pattern)` : `b.name ILIKE :pattern`);
    return this.db
      .tenant(tenant)
      .rows(
        `SELECT ${ACCOUNT.select('', { cursor_at: sort.keyText })} ${FROM} WHERE ${where.join(' AND ')} ORDER BY ${sort.order} LIMIT :rows`,
        { rows: page.limit + 1, afterAt: page.after?.at, afterId: page.after?.id, pattern: q ? searchPattern(q) : undefined },
      );
  }

  /** The business already has an (active) account for this phone. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.phone] })
  async hasPhone(tenant: BusinessTenant, phone: string): Promise<boolean> {
    const row = await this.db.tenant(tenant).one(
      `SELECT 1 FROM customer_credits a JOIN customers c ON c.id = a.customer_id
        WHERE ${ownedBy(tenant, 'a')} AND c.phone = :phone AND a.merged_into IS NULL`,
      { phone },
    );
    return row !== null;
  }

  /** A person the business sells to, with no login yet: a customer of its own and their account, with an invite code. */
  @GenerateSql({ params: [SAMPLE.businessTenant, { name: 'Asha Verma', phone: SAMPLE.phone, inviteCode: 'R8WQ4M2KTP' }] })
  async createForPerson(
    tenant: BusinessTenant,
    person: { name: string; phone: string; inviteCode: string | null },
  ): Promise<{ id: string; customer_id: string }> {
    const row = await this.db.tenant(tenant).one<{ id: string; customer_id: string }>(
      `WITH c AS (INSERT INTO customers (name, phone) VALUES (:name, :phone) RETURNING id)
       INSERT INTO customer_credits (business_id, customer_id, invite_code, display_name) SELECT :tenantId, c.id, :inviteCode, :name FROM c
       RETURNING id, customer_id`,
      person,
    );
    return row!;
  }

  /** The business's own Test Customer (development endpoints), if it has one. */
  @GenerateSql({ params: [SAMPLE.businessTenant, '+910000000000'] })
  findPlaceholder(tenant: BusinessTenant, phone: string): Promise<{ id: string; customer_id: string } | null> {
    return this.db.tenant(tenant).one(
      `SELECT a.id, a.customer_id FROM customer_credits a JOIN customers c ON c.id = a.customer_id
        WHERE ${ownedBy(tenant, 'a')} AND c.phone = :phone AND c.user_id IS NULL AND a.merged_into IS NULL`,
      { phone },
    );
  }

  /** A customer joins a business by its join code: a new account, claimed from the start. */
  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id] })
  async open(tenant: CustomerTenant, businessId: string): Promise<string> {
    const row = await this.db.tenant(tenant).one<{ id: string }>(
      `INSERT INTO customer_credits (business_id, customer_id, claimed_at, display_name)
         SELECT :businessId, c.id, now(), c.name FROM customers c WHERE c.id = :tenantId RETURNING id`,
      { businessId },
    );
    return row!.id;
  }

  /** The account an invite code names, locked for claiming (a code is presented before the customer has access). */
  @GenerateSql({ params: ['R8WQ4M2KTP'] })
  findByInviteCode(inviteCode: string): Promise<{ id: string; business_id: string; customer_id: string } | null> {
    return this.db
      .system('an invite code is presented by someone who has no access to the account yet')
      .one(`SELECT id, business_id, customer_id FROM customer_credits WHERE invite_code = :inviteCode FOR UPDATE`, { inviteCode });
  }

  /** The customer's active account with the business; `lock` holds it until the transaction ends (claims serialise on it). */
  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id, true] })
  async activeWith(tenant: CustomerTenant, businessId: string, lock = false): Promise<string | null> {
    const row = await this.db.tenant(tenant).one<{ id: string }>(
      `SELECT id FROM customer_credits a WHERE a.business_id = :businessId AND ${ownedBy(tenant, 'a')} AND a.merged_into IS NULL
       ${lock ? 'FOR UPDATE' : ''}`,
      { businessId },
    );
    return row?.id ?? null;
  }

  /** Holds an active account's row until the transaction ends: claims on it serialise, so its pending limit holds. */
  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id] })
  async lock(tenant: Tenant, accountId: string): Promise<boolean> {
    const row = await this.db
      .tenant(tenant)
      .one(`SELECT 1 FROM customer_credits a WHERE a.id = :accountId AND ${ownedBy(tenant, 'a')} AND a.merged_into IS NULL FOR UPDATE`, {
        accountId,
      });
    return row !== null;
  }

  /**
   * The customer's own customer takes over an account the business made for them. Its entries, claims and audit
   * events follow (the foreign keys cascade the new customer_id).
   */
  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id] })
  async claim(tenant: CustomerTenant, accountId: string): Promise<void> {
    await this.db
      .tenant(tenant)
      .count(
        `UPDATE customer_credits SET customer_id = :tenantId, invite_code = NULL, claimed_at = now(), updated_at = now() WHERE id = :accountId`,
        {
          accountId,
        },
      );
  }

  /** A business's placeholder customer that no account names any more goes (it was only ever the business's record). */
  @GenerateSql({ params: [SAMPLE.id] })
  async dropOrphanPlaceholder(customerId: string): Promise<void> {
    await this.db.system('the placeholder belonged to the account that was just claimed or merged').count(
      `DELETE FROM customers c WHERE c.id = :customerId AND c.user_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM customer_credits a WHERE a.customer_id = c.id)`,
      { customerId },
    );
  }

  /** Whose code this is, and how joining with it would go for this customer. */
  @GenerateSql({ params: [SAMPLE.customerTenant, 'K7M3Q9TX'] })
  previewCode(tenant: CustomerTenant, code: string): Promise<CodePreviewRow | null> {
    return this.db.tenant(tenant).one(
      `SELECT b.id AS business_id, b.name AS business_name, 'join' AS kind, NULL AS account_name,
              EXISTS (SELECT 1 FROM customer_credits a WHERE a.business_id = b.id AND a.customer_id = :tenantId AND a.merged_into IS NULL) AS already_linked
         FROM businesses b WHERE b.join_code = :code
       UNION ALL
       SELECT b.id, b.name, 'invite', a.display_name,
              EXISTS (SELECT 1 FROM customer_credits o WHERE o.business_id = b.id AND o.customer_id = :tenantId AND o.merged_into IS NULL)
         FROM customer_credits a JOIN businesses b ON b.id = a.business_id
        WHERE a.invite_code = :code
       LIMIT 1`,
      { code },
    );
  }

  /** Whose code this is, for someone not signed in yet (a join link opened on a new phone): the business's name only. */
  @GenerateSql({ params: ['K7M3Q9TX'] })
  codeOwner(code: string): Promise<{ business_name: string; kind: 'join' | 'invite' } | null> {
    return this.db.system('a code is looked up before its holder has signed in').one(
      `SELECT b.name AS business_name, 'join' AS kind FROM businesses b WHERE b.join_code = :code
       UNION ALL
       SELECT b.name, 'invite' FROM customer_credits a JOIN businesses b ON b.id = a.business_id WHERE a.invite_code = :code
       LIMIT 1`,
      { code },
    );
  }

  /** Both accounts of a merge, locked in id order (so two merges of the same pair cannot deadlock). */
  @GenerateSql({ params: [SAMPLE.businessTenant, [SAMPLE.id, SAMPLE.id]] })
  lockForMerge(tenant: BusinessTenant, accountIds: string[]): Promise<MergeSide[]> {
    return this.db.tenant(tenant).rows(
      `SELECT id, customer_id, current_balance, claimed_at IS NOT NULL AS claimed, merged_into
         FROM customer_credits a WHERE a.id = ANY(:accountIds::uuid[]) AND ${ownedBy(tenant, 'a')}
        ORDER BY id FOR UPDATE`,
      { accountIds },
    );
  }

  /** `from` is closed at zero (its balance was moved by ledger entries first), pointing to `into`. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, SAMPLE.id] })
  async markMerged(tenant: BusinessTenant, fromId: string, intoId: string): Promise<void> {
    await this.db.tenant(tenant).count(
      `UPDATE customer_credits a SET merged_into = :intoId, merged_at = now(), invite_code = NULL, updated_at = now()
        WHERE a.id = :fromId AND ${ownedBy(tenant, 'a')}`,
      { fromId, intoId },
    );
  }

  @GenerateSql({
    params: [
      SAMPLE.businessTenant,
      { intoId: SAMPLE.id, fromId: SAMPLE.id, movedBalance: SAMPLE.money, actorId: SAMPLE.id, actorRole: 'business' },
    ],
  })
  async recordMerge(
    tenant: BusinessTenant,
    merge: { intoId: string; fromId: string; movedBalance: string; actorId: string; actorRole: 'business' | 'customer' },
  ): Promise<void> {
    await this.db.tenant(tenant).count(
      `INSERT INTO account_merges (business_id, into_account_id, from_account_id, moved_balance, actor_id, actor_role)
       VALUES (:tenantId, :intoId, :fromId, :movedBalance, :actorId, :actorRole)`,
      merge,
    );
  }
}
