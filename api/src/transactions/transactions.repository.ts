import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { Projection } from '../database/rows';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { KeysetPosition } from '../pagination/pagination';
import { type BusinessTenant, ownedBy, type Tenant } from '../tenancy/tenant';
import type { TransactionType } from './entities/ledger-transaction.entity';

/** A ledger entry (`t` transactions). */
export interface TransactionRow {
  id: string;
  account_id: string;
  transaction_type: TransactionType;
  amount: string;
  notes: string | null;
  payment_method: string;
  approved_at: Date | null;
  original_pending_id: string | null;
  created_at: Date;
  created_by: string;
  entry_no: number;
  balance_after: string;
  corrects_entry_id: string | null;
  corrected_by: string | null;
  cursor_at: string;
}

export const TRANSACTION = new Projection<TransactionRow>({
  id: 't.id',
  account_id: 't.account_id',
  transaction_type: 't.transaction_type',
  amount: 't.amount',
  notes: 't.notes',
  payment_method: 't.payment_method',
  approved_at: 't.approved_at',
  original_pending_id: 't.original_pending_id',
  created_at: 't.created_at',
  created_by: 't.created_by',
  entry_no: 't.entry_no',
  balance_after: 't.balance_after',
  corrects_entry_id: 't.corrects_entry_id',
  corrected_by: '(SELECT x.id FROM transactions x WHERE x.corrects_entry_id = t.id)',
  cursor_at: 't.entry_no::text',
});

export interface NewEntry {
  accountId: string;
  type: TransactionType;
  amount: string;
  notes: string | null;
  createdBy: string;
  /** `manual` for what the business records; `merge` for the entries that move a merged account's balance. */
  paymentMethod?: 'manual' | 'merge';
  /** The entry this one corrects (same account, once). */
  correctsEntryId?: string | null;
}

/**
 * The ledger: append-only entries. Inserting one moves its account's balance (a database trigger, under the
 * account's row lock; it also numbers the entry and records the balance after it), so no code here writes a balance.
 */
@Injectable()
export class TransactionsRepository {
  constructor(private readonly db: Database) {}

  /** One entry on one of the business's accounts (its customer taken from the account); null when not its account. */
  @GenerateSql({
    params: [
      SAMPLE.businessTenant,
      { accountId: SAMPLE.id, type: 'credit', amount: SAMPLE.money, notes: 'Rice 10 kg', createdBy: SAMPLE.id },
    ],
  })
  record(tenant: BusinessTenant, entry: NewEntry): Promise<TransactionRow | null> {
    return this.db.tenant(tenant).one(
      `INSERT INTO transactions AS t (business_id, customer_id, account_id, amount, transaction_type, notes, created_by, payment_method,
                                       corrects_entry_id)
       SELECT a.business_id, a.customer_id, a.id, :amount, :type, :notes, :createdBy, :paymentMethod, :correctsEntryId
         FROM customer_credits a WHERE a.id = :accountId AND ${ownedBy(tenant, 'a')}
       RETURNING ${TRANSACTION.select()}`,
      { ...entry, paymentMethod: entry.paymentMethod ?? 'manual', correctsEntryId: entry.correctsEntryId ?? null },
    );
  }

  /** One entry of one of the tenant's accounts, locked (a correction of it serialises with any other). */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, SAMPLE.id] })
  findForUpdate(tenant: BusinessTenant, accountId: string, entryId: string): Promise<TransactionRow | null> {
    return this.db
      .tenant(tenant)
      .one(
        `SELECT ${TRANSACTION.select()} FROM transactions t WHERE t.id = :entryId AND t.account_id = :accountId AND ${ownedBy(tenant, 't')} FOR UPDATE`,
        {
          entryId,
          accountId,
        },
      );
  }

  /**
   * An account's ledger, newest first: in the order the balance moved (`entry_no`), so each entry's balance after it
   * reads as a running balance (the account is the caller's: checked by the service).
   */
  @GenerateSql(
    { name: 'business', params: [SAMPLE.businessTenant, SAMPLE.id, { limit: 20, after: { at: '42', id: SAMPLE.id } }] },
    { name: 'customer', params: [SAMPLE.customerTenant, SAMPLE.id, { limit: 20, after: null }] },
  )
  list(tenant: Tenant, accountId: string, page: { limit: number; after: KeysetPosition | null }): Promise<TransactionRow[]> {
    // A customer's read names the account's business too, so both sides walk the ledger's own key
    // (business_id, account_id, entry_no) instead of sorting the customer's entries.
    const ledgerKey =
      tenant.kind === 'customer' ? 'AND t.business_id = (SELECT a.business_id FROM customer_credits a WHERE a.id = :accountId)' : '';
    return this.db.tenant(tenant).rows(
      `SELECT ${TRANSACTION.select()} FROM transactions t
        WHERE t.account_id = :accountId AND ${ownedBy(tenant, 't')} ${ledgerKey}
          ${page.after ? 'AND t.entry_no < :afterNo::int' : ''}
        ORDER BY t.entry_no DESC LIMIT :rows`,
      { accountId, rows: page.limit + 1, afterNo: page.after?.at },
    );
  }
}
