import { Injectable } from '@nestjs/common';
import { ACCOUNT, AccountRow } from '../accounts/accounts.repository';
import { Database, prepared } from '../database/database';
import { Projection } from '../database/rows';
import { searchPattern } from '../database/search';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { KeysetPosition } from '../pagination/pagination';
import { type BusinessTenant, type CustomerTenant, ownedBy, type Tenant } from '../tenancy/tenant';
import { TRANSACTION, TransactionRow } from '../transactions/transactions.repository';
import type { PaymentStatus } from './entities/pending-payment.entity';

/** A claim as the API shows it (`p` pending_payments, `b` businesses, `c` customers). */
export interface PaymentRow {
  id: string;
  business_id: string;
  business_name: string;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  account_id: string;
  amount: string;
  payment_method: string;
  notes: string | null;
  utr: string | null;
  status: PaymentStatus;
  created_at: Date;
  approved_at: Date | null;
  approved_by: string | null;
  rejected_at: Date | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  cancelled_at: Date | null;
  cursor_at: string;
}

export const PAYMENT = new Projection<PaymentRow>({
  id: 'p.transaction_id',
  business_id: 'p.business_id',
  business_name: 'b.name',
  customer_id: 'p.customer_id',
  customer_name: 'pa.display_name',
  customer_phone: 'c.phone',
  account_id: 'p.account_id',
  amount: 'p.amount',
  payment_method: 'p.payment_method',
  notes: 'p.notes',
  utr: 'p.utr',
  status: 'p.status',
  created_at: 'p.created_at',
  approved_at: 'p.approved_at',
  approved_by: 'p.approved_by',
  rejected_at: 'p.rejected_at',
  rejected_by: 'p.rejected_by',
  rejection_reason: 'p.rejection_reason',
  cancelled_at: 'p.cancelled_at',
  cursor_at: 'p.created_at::text',
});

/** The joins PAYMENT's columns need, after `FROM pending_payments p` (or a CTE named p): the customer's name is the account's. */
export const PAYMENT_JOINS = `JOIN businesses b ON b.id = p.business_id JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id`;

export interface PaymentEventRow {
  type: string;
  from_status: PaymentStatus | null;
  to_status: PaymentStatus;
  actor_id: string | null;
  actor_role: string;
  reason: string | null;
  at: Date;
}

export interface NewClaim {
  accountId: string;
  amount: string;
  notes: string | null;
  utr: string | null;
  actorId: string;
  actorRole: 'customer' | 'business';
  metadata?: Record<string, unknown>;
}

/** What an approval wrote: the claim, its ledger entry and the account with its new balance. */
export interface ApprovalRows {
  payment: PaymentRow;
  entry: TransactionRow;
  account: AccountRow;
}

export interface PaymentFilters {
  limit: number;
  after: KeysetPosition | null;
  status?: PaymentStatus;
  accountId?: string;
  q?: string;
}

/**
 * Approval is ONE statement (data-modifying CTEs, so one transaction and one round trip): the status change, the
 * ledger entry, the balance and the audit event happen together or not at all. `status = 'pending'` in the UPDATE
 * makes concurrent decisions queue on the row lock; the first commits, the rest find no pending row and get 409.
 * The unique `original_pending_id` is a second guard against a payment ever reaching the ledger twice. The ledger
 * entry moves the balance itself (a database trigger, under the account's row lock) and returns the balance after
 * it, which is the account's new balance. Benchmarked as it is by `npm run bench` (bench/limit.sql runs the same work).
 */
const APPROVE = prepared(`
  WITH p AS (
    UPDATE pending_payments SET status = 'approved', approved_at = now(), approved_by = :actorId
     WHERE transaction_id = :paymentId AND business_id = :tenantId AND status = 'pending'
     RETURNING *
  ), t AS (
    INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by,
                              payment_method, approved_at, original_pending_id)
    SELECT business_id, customer_id, account_id, amount, 'payment', notes, :actorId, payment_method, approved_at, transaction_id
      FROM p
    RETURNING *
  ), e AS (
    INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
    SELECT transaction_id, account_id, business_id, customer_id, 'approved', 'pending', 'approved', :actorId, 'business' FROM p
  )
  SELECT ${PAYMENT.select()}, ${TRANSACTION.select('t_')},
         ${ACCOUNT.select('a_', {
           current_balance: 't.balance_after',
           // the statement's snapshot still sees this claim pending
           pending_total: `(SELECT coalesce(sum(x.amount), 0.00) FROM pending_payments x
                             WHERE x.account_id = a.id AND x.status = 'pending' AND x.transaction_id <> p.transaction_id)::text`,
           // a payment lowers the balance: the account owes since when it did, unless this settled it
           due_since: 'CASE WHEN t.balance_after <= 0 THEN NULL ELSE a.due_since END',
         })}
    FROM p ${PAYMENT_JOINS}
    JOIN t ON t.original_pending_id = p.transaction_id
    JOIN customer_credits a ON a.id = p.account_id`);

const REJECT = prepared(`
  WITH p AS (
    UPDATE pending_payments SET status = 'rejected', rejected_at = now(), rejected_by = :actorId, rejection_reason = :reason
     WHERE transaction_id = :paymentId AND business_id = :tenantId AND status = 'pending'
     RETURNING *
  ), e AS (
    INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role, reason)
    SELECT transaction_id, account_id, business_id, customer_id, 'rejected', 'pending', 'rejected', :actorId, 'business', :reason FROM p
  )
  SELECT ${PAYMENT.select()} FROM p ${PAYMENT_JOINS}`);

const CANCEL = prepared(`
  WITH p AS (
    UPDATE pending_payments SET status = 'cancelled', cancelled_at = now()
     WHERE transaction_id = :paymentId AND customer_id = :tenantId AND status = 'pending'
     RETURNING *
  ), e AS (
    INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
    SELECT transaction_id, account_id, business_id, customer_id, 'cancelled', 'pending', 'cancelled', :actorId, 'customer' FROM p
  )
  SELECT ${PAYMENT.select()} FROM p ${PAYMENT_JOINS}`);

/** The dashboard's figures as the stats statement returns them (sums as text: exact). */
export interface StatsRow {
  pending_count: string;
  pending_total: string;
  receivable_total: string;
  approved_count: string;
  approved_total: string;
  today: string;
  this_week: string;
  this_month: string;
}

/** Claims (`pending_payments`), their audit trail (`payment_events`) and the decisions on them. */
@Injectable()
export class PaymentsRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql(
    { name: 'business', params: [SAMPLE.businessTenant, SAMPLE.id] },
    { name: 'customer', params: [SAMPLE.customerTenant, SAMPLE.id] },
  )
  find(tenant: Tenant, paymentId: string): Promise<PaymentRow | null> {
    return this.db
      .tenant(tenant)
      .one(
        `SELECT ${PAYMENT.select()} FROM pending_payments p ${PAYMENT_JOINS} WHERE p.transaction_id = :paymentId AND ${ownedBy(tenant, 'p')}`,
        {
          paymentId,
        },
      );
  }

  /** Newest first. A shop searches its customers and UTRs; a customer its shops and UTRs (never the caller's own name). */
  @GenerateSql(
    {
      name: 'business',
      params: [SAMPLE.businessTenant, { limit: 20, after: SAMPLE.cursor, status: 'pending', accountId: SAMPLE.id, q: 'asha' }],
    },
    { name: 'customer', params: [SAMPLE.customerTenant, { limit: 20, after: null, q: '4123' }] },
  )
  list(tenant: Tenant, filters: PaymentFilters): Promise<PaymentRow[]> {
    const where = [ownedBy(tenant, 'p')];
    if (filters.status) where.push(`p.status = :status`);
    if (filters.accountId) where.push(`p.account_id = :accountId`);
    if (filters.after) where.push(`(p.created_at, p.transaction_id) < (:afterAt::timestamptz, :afterId::uuid)`);
    const q = filters.q?.trim();
    if (q) {
      where.push(
        tenant.kind === 'business'
          ? `(pa.display_name ILIKE :pattern OR c.phone LIKE :pattern OR p.utr LIKE :pattern)`
          : `(b.name ILIKE :pattern OR p.utr LIKE :pattern)`,
      );
    }
    return this.db.tenant(tenant).rows(
      `SELECT ${PAYMENT.select()} FROM pending_payments p ${PAYMENT_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY p.created_at DESC, p.transaction_id DESC LIMIT :rows`,
      {
        rows: filters.limit + 1,
        status: filters.status,
        accountId: filters.accountId,
        afterAt: filters.after?.at,
        afterId: filters.after?.id,
        pattern: q ? searchPattern(q) : undefined,
      },
    );
  }

  /** Claims of the account waiting for a decision. */
  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id] })
  async pendingOn(tenant: Tenant, accountId: string): Promise<number> {
    const row = await this.db
      .tenant(tenant)
      .one<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM pending_payments p WHERE p.account_id = :accountId AND ${ownedBy(tenant, 'p')} AND p.status = 'pending'`,
        { accountId },
      );
    return row!.pending;
  }

  /** A pending claim and its `submitted` audit event, on an account of the tenant (business and customer from it). */
  @GenerateSql({
    params: [
      SAMPLE.customerTenant,
      {
        accountId: SAMPLE.id,
        amount: SAMPLE.money,
        notes: 'November dues',
        utr: '412345678901',
        actorId: SAMPLE.id,
        actorRole: 'customer',
      },
    ],
  })
  async insert(tenant: Tenant, claim: NewClaim): Promise<PaymentRow | null> {
    return this.db.tenant(tenant).one(
      `WITH p AS (
         INSERT INTO pending_payments (business_id, customer_id, account_id, amount, notes, utr, metadata)
         SELECT a.business_id, a.customer_id, a.id, :amount, :notes, :utr, :metadata
           FROM customer_credits a WHERE a.id = :accountId AND ${ownedBy(tenant, 'a')}
         RETURNING *
       ), e AS (
         INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
         SELECT transaction_id, account_id, business_id, customer_id, 'submitted', NULL, 'pending', :actorId, :actorRole FROM p
       )
       SELECT ${PAYMENT.select()} FROM p ${PAYMENT_JOINS}`,
      { ...claim, metadata: claim.metadata ? JSON.stringify(claim.metadata) : null },
    );
  }

  /** Null when no pending claim of the business has this id (see `status` for why). */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, SAMPLE.id] })
  async approve(tenant: BusinessTenant, paymentId: string, actorId: string): Promise<ApprovalRows | null> {
    const row = await this.db.tenant(tenant).one<Record<string, unknown>>(APPROVE, { paymentId, actorId });
    if (!row) return null;
    return { payment: PAYMENT.pick(row, ''), entry: TRANSACTION.pick(row, 't_'), account: ACCOUNT.pick(row, 'a_') };
  }

  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, SAMPLE.id, 'Amount not received'] })
  reject(tenant: BusinessTenant, paymentId: string, actorId: string, reason: string): Promise<PaymentRow | null> {
    return this.db.tenant(tenant).one(REJECT, { paymentId, actorId, reason });
  }

  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id, SAMPLE.id] })
  cancel(tenant: CustomerTenant, paymentId: string, actorId: string): Promise<PaymentRow | null> {
    return this.db.tenant(tenant).one(CANCEL, { paymentId, actorId });
  }

  /** The claim's status, if it is the tenant's: why a decision changed nothing. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id] })
  async status(tenant: Tenant, paymentId: string): Promise<PaymentStatus | null> {
    const row = await this.db
      .tenant(tenant)
      .one<{ status: PaymentStatus }>(
        `SELECT p.status FROM pending_payments p WHERE p.transaction_id = :paymentId AND ${ownedBy(tenant, 'p')}`,
        {
          paymentId,
        },
      );
    return row?.status ?? null;
  }

  /** The audit trail, oldest first; empty when the claim is not the tenant's. */
  @GenerateSql({ params: [SAMPLE.customerTenant, SAMPLE.id] })
  history(tenant: Tenant, paymentId: string): Promise<PaymentEventRow[]> {
    return this.db.tenant(tenant).rows(
      `SELECT e.type, e.from_status, e.to_status, e.actor_id, e.actor_role, e.reason, e.at
         FROM pending_payments p JOIN payment_events e ON e.payment_id = p.transaction_id
        WHERE p.transaction_id = :paymentId AND ${ownedBy(tenant, 'p')}
        ORDER BY e.id`,
      { paymentId },
    );
  }

  /**
   * The dashboard's figures, from the running totals that triggers keep (`payment_stats`, `payment_stats_daily`: a
   * few rows per business and day), never by aggregating the history. `periods` are dates in India; money
   * received is approvals plus what was recorded by hand (see migration `Collections`).
   */
  @GenerateSql({ params: [SAMPLE.businessTenant, { day: '2026-11-30', week: '2026-11-30', month: '2026-11-01' }] })
  async stats(tenant: BusinessTenant, periods: { day: string; week: string; month: string }): Promise<StatsRow> {
    const row = await this.db.tenant(tenant).one<StatsRow>(
      `SELECT coalesce(sum(s.pending_count), 0)::bigint AS pending_count, round(coalesce(sum(s.pending_total), 0), 2)::text AS pending_total,
              round(coalesce(sum(s.receivable_total), 0), 2)::text AS receivable_total,
              d.approved_count, d.approved_total, d.today, d.this_week, d.this_month
         FROM (SELECT coalesce(sum(approved_count) FILTER (WHERE day = :day::date), 0)::bigint AS approved_count,
                      round(coalesce(sum(approved_total) FILTER (WHERE day = :day::date), 0), 2)::text AS approved_total,
                      round(coalesce(sum(approved_total + recorded_total) FILTER (WHERE day >= :day::date), 0), 2)::text AS today,
                      round(coalesce(sum(approved_total + recorded_total) FILTER (WHERE day >= :week::date), 0), 2)::text AS this_week,
                      round(coalesce(sum(approved_total + recorded_total) FILTER (WHERE day >= :month::date), 0), 2)::text AS this_month
                 FROM payment_stats_daily
                WHERE business_id = :tenantId AND day >= least(:week::date, :month::date)) d
         LEFT JOIN payment_stats s ON s.business_id = :tenantId
        GROUP BY d.approved_count, d.approved_total, d.today, d.this_week, d.this_month`,
      periods,
    );
    return row!;
  }
}
