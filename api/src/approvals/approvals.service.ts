import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toAccountDto } from '../accounts/accounts.sql';
import type { Principal } from '../auth/principal';
import { EventsService } from '../events/events.service';
import type { PaymentDto } from '../payments/dto/payment.dto';
import { PaymentsService } from '../payments/payments.service';
import { PAYMENT_COLUMNS, PAYMENT_JOINS, PaymentRow, toPaymentDto } from '../payments/payments.sql';
import { toTransactionDto } from '../transactions/transactions.sql';
import type { ApprovalDto, PaymentStatsDto } from './dto/approval.dto';

const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight in India (UTC+05:30, no daylight saving) before `now`, as an instant. */
export function startOfIstDay(now: Date): Date {
  return new Date(Math.floor((now.getTime() + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS);
}

/** The date in India (YYYY-MM-DD) at `now`. */
export function istDate(now: Date): string {
  return new Date(now.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Approval is ONE statement (data-modifying CTEs, so one transaction and one round trip): the status change, the
 * ledger entry, the balance and the audit event happen together or not at all. `status = 'pending'` in the UPDATE
 * makes concurrent decisions queue on the row lock; the first commits, the rest find no pending row and get 409.
 * The unique `original_pending_id` is a second guard against a payment ever reaching the ledger twice. The ledger
 * entry moves the balance itself (a database trigger, under the account's row lock) and returns the balance after
 * it, which is the account's new balance.
 */
const APPROVE = `
  WITH p AS (
    UPDATE pending_payments SET status = 'approved', approved_at = now(), approved_by = $3
     WHERE transaction_id = $1 AND business_id = $2 AND status = 'pending'
     RETURNING *
  ), t AS (
    INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by,
                              payment_method, approved_at, original_pending_id)
    SELECT business_id, customer_id, account_id, amount, 'payment', notes, $3, payment_method, approved_at, transaction_id
      FROM p
    RETURNING *
  ), e AS (
    INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
    SELECT transaction_id, account_id, business_id, customer_id, 'approved', 'pending', 'approved', $3, 'business' FROM p
  )
  SELECT ${PAYMENT_COLUMNS},
         t.id AS t_id, t.transaction_type AS t_type, t.amount AS t_amount, t.notes AS t_notes, t.payment_method AS t_method,
         t.approved_at AS t_approved_at, t.created_at AS t_created_at, t.created_at::text AS t_cursor_at, t.created_by AS t_created_by,
         t.balance_after AS a_balance, a.invite_code AS a_invite_code, a.claimed_at IS NOT NULL AS a_claimed, a.merged_into AS a_merged_into,
         a.created_at AS a_created_at, a.created_at::text AS a_cursor_at, b.upi_id AS b_upi_id
    FROM p ${PAYMENT_JOINS}
    JOIN t ON t.original_pending_id = p.transaction_id
    JOIN customer_credits a ON a.id = p.account_id`;

const REJECT = `
  WITH p AS (
    UPDATE pending_payments SET status = 'rejected', rejected_at = now(), rejected_by = $3, rejection_reason = $4
     WHERE transaction_id = $1 AND business_id = $2 AND status = 'pending'
     RETURNING *
  ), e AS (
    INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role, reason)
    SELECT transaction_id, account_id, business_id, customer_id, 'rejected', 'pending', 'rejected', $3, 'business', $4 FROM p
  )
  SELECT ${PAYMENT_COLUMNS} FROM p ${PAYMENT_JOINS}`;

@Injectable()
export class ApprovalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsService,
    private readonly events: EventsService,
  ) {}

  async approve(principal: Principal, paymentId: string): Promise<ApprovalDto> {
    const [row] = await this.dataSource.query(APPROVE, [paymentId, principal.businessId, principal.userId]);
    if (!row) throw await this.payments.whyUnchanged(principal, paymentId);
    this.events.changed();
    const payment = toPaymentDto(row as PaymentRow);
    return {
      payment,
      transaction: toTransactionDto({
        id: row.t_id,
        account_id: row.account_id,
        transaction_type: row.t_type,
        amount: row.t_amount,
        notes: row.t_notes,
        payment_method: row.t_method,
        approved_at: row.t_approved_at,
        original_pending_id: row.id,
        created_at: row.t_created_at,
        created_by: row.t_created_by,
        cursor_at: row.t_cursor_at,
      }),
      account: toAccountDto(
        {
          id: row.account_id,
          business_id: row.business_id,
          business_name: row.business_name,
          business_upi_id: row.b_upi_id,
          customer_id: row.customer_id,
          customer_name: row.customer_name,
          customer_phone: row.customer_phone,
          current_balance: row.a_balance,
          invite_code: row.a_invite_code,
          claimed: row.a_claimed,
          merged_into: row.a_merged_into,
          created_at: row.a_created_at,
          cursor_at: row.a_cursor_at,
        },
        'business',
      ),
    };
  }

  async reject(principal: Principal, paymentId: string, reason: string): Promise<PaymentDto> {
    const [row] = await this.dataSource.query(REJECT, [paymentId, principal.businessId, principal.userId, reason]);
    if (!row) throw await this.payments.whyUnchanged(principal, paymentId);
    this.events.changed();
    return toPaymentDto(row as PaymentRow);
  }

  /**
   * The dashboard's figures; "today" is the day in India. Read from the running totals that triggers keep
   * (`payment_stats`, `payment_stats_daily`: a few rows per business), never by aggregating the history.
   */
  async stats(principal: Principal, now = new Date()): Promise<PaymentStatsDto> {
    const today = istDate(now);
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(s.pending_count), 0)::bigint AS pending_count, round(coalesce(sum(s.pending_total), 0), 2)::text AS pending_total,
              round(coalesce(sum(s.receivable_total), 0), 2)::text AS receivable_total, d.approved_count, d.approved_total
         FROM (SELECT coalesce(sum(approved_count), 0)::bigint AS approved_count, round(coalesce(sum(approved_total), 0), 2)::text AS approved_total
                 FROM payment_stats_daily WHERE business_id = $1 AND day = $2::date) d
         LEFT JOIN payment_stats s ON s.business_id = $1
        GROUP BY d.approved_count, d.approved_total`,
      [principal.businessId, today],
    );
    return {
      pendingCount: Number(row.pending_count),
      pendingTotal: row.pending_total,
      approvedTodayCount: Number(row.approved_count),
      approvedTodayTotal: row.approved_total,
      receivableTotal: row.receivable_total,
    };
  }
}
