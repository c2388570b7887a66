import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { searchPattern } from '../accounts/accounts.sql';
import type { Principal } from '../auth/principal';
import { isUniqueViolation } from '../database/pg-errors';
import { IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { decodeCursor, toPage } from '../pagination/pagination';
import { EventsService } from '../events/events.service';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import type { ListPaymentsQuery, PaymentDto, PaymentHistoryDto, PaymentPageDto, SubmitPaymentDto } from './dto/payment.dto';
import type { PaymentStatus } from './entities/pending-payment.entity';
import { MAX_PENDING_PER_ACCOUNT, paymentNotFound, paymentNotPending, tooManyPending, utrInUse } from './payments.errors';
import { PAYMENT_COLUMNS, PAYMENT_JOINS, PaymentRow, toPaymentDto } from './payments.sql';

export interface NewClaim {
  businessId: string;
  customerId: string;
  amount: string;
  notes: string | null;
  utr: string | null;
  actorId: string | null;
  actorRole: 'customer' | 'business' | 'system';
  metadata?: Record<string, unknown>;
}

/** Where a payment belongs to the caller: `p.business_id = $2` or `p.customer_id = $2`. */
export function paymentScope(principal: Principal): { sql: string; owner: string } {
  return principal.role === 'business'
    ? { sql: 'p.business_id = $2', owner: principal.businessId! }
    : { sql: 'p.customer_id = $2', owner: principal.customerId! };
}

@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly rateLimits: RateLimitService,
    private readonly events: EventsService,
  ) {}

  /**
   * The customer's claim "I paid ₹X": pending until the business decides. At most once per Idempotency-Key.
   * Every claim counts against the limits (per user, and a generous per-address backstop), but a retry of a key
   * already answered is replayed before any limit is looked at: a replay never gets 429.
   */
  async submit(
    principal: Principal,
    dto: SubmitPaymentDto,
    key: string,
    fingerprint: string,
    address: string,
  ): Promise<IdempotentResult<PaymentDto>> {
    const result = await this.idempotency.run(
      principal.userId,
      key,
      fingerprint,
      201,
      (em) =>
        this.createClaim(em, {
          businessId: dto.businessId,
          customerId: principal.customerId!,
          amount: dto.amount,
          notes: dto.notes || null,
          utr: dto.utr ?? null,
          actorId: principal.userId,
          actorRole: 'customer',
        }),
      // In the claim's own transaction (one connection: the embedded database has only one).
      (em) =>
        this.rateLimits.take(
          [
            ['claimsAddress', address],
            ['claims', `user:${principal.userId}`],
          ],
          em,
        ),
    );
    this.events.changed();
    return result;
  }

  /** Inserts a pending claim and its `submitted` event, in the caller's transaction. */
  async createClaim(em: EntityManager, claim: NewClaim): Promise<PaymentDto> {
    // Locking the account serialises claims on it, so the pending limit holds under concurrency.
    const [account] = await em.query(
      `SELECT id FROM customer_credits WHERE business_id = $1 AND customer_id = $2 AND merged_into IS NULL FOR UPDATE`,
      [claim.businessId, claim.customerId],
    );
    if (!account) throw new DomainError(ProblemCode.AccountNotFound, 'You have no account with this business; join it first');
    const [{ pending }] = await em.query(
      `SELECT count(*)::int AS pending FROM pending_payments WHERE account_id = $1 AND status = 'pending'`,
      [account.id],
    );
    if (pending >= MAX_PENDING_PER_ACCOUNT) throw tooManyPending();
    try {
      const [row] = (await em.query(
        `WITH p AS (
           INSERT INTO pending_payments (business_id, customer_id, account_id, amount, notes, utr, metadata)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *
         ), e AS (
           INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
           SELECT transaction_id, account_id, business_id, customer_id, 'submitted', NULL, 'pending', $8, $9 FROM p
         )
         SELECT ${PAYMENT_COLUMNS} FROM p ${PAYMENT_JOINS}`,
        [
          claim.businessId,
          claim.customerId,
          account.id,
          claim.amount,
          claim.notes,
          claim.utr,
          claim.metadata ? JSON.stringify(claim.metadata) : null,
          claim.actorId,
          claim.actorRole,
        ],
      )) as PaymentRow[];
      return toPaymentDto(row);
    } catch (error) {
      if (isUniqueViolation(error, 'pending_payments_business_utr')) throw utrInUse();
      throw error;
    }
  }

  async get(principal: Principal, paymentId: string): Promise<PaymentDto> {
    const { sql, owner } = paymentScope(principal);
    const [row] = (await this.dataSource.query(
      `SELECT ${PAYMENT_COLUMNS} FROM pending_payments p ${PAYMENT_JOINS} WHERE p.transaction_id = $1 AND ${sql}`,
      [paymentId, owner],
    )) as PaymentRow[];
    if (!row) throw paymentNotFound();
    return toPaymentDto(row);
  }

  /** Newest first; a business sees its own, a customer theirs. */
  async list(principal: Principal, query: ListPaymentsQuery): Promise<PaymentPageDto> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const column = principal.role === 'business' ? 'p.business_id' : 'p.customer_id';
    const params: unknown[] = [principal.role === 'business' ? principal.businessId : principal.customerId, limit + 1];
    const where = [`${column} = $1`];
    if (query.status) {
      params.push(query.status);
      where.push(`p.status = $${params.length}`);
    }
    if (query.accountId) {
      params.push(query.accountId);
      where.push(`p.account_id = $${params.length}`);
    }
    if (after) {
      params.push(after.at, after.id);
      where.push(`(p.created_at, p.transaction_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    if (query.q && query.q.trim() !== '') {
      params.push(searchPattern(query.q.trim()));
      const n = params.length;
      // A shop searches its customers and UTRs; a customer its shops and UTRs (never the caller's own name).
      where.push(
        principal.role === 'business'
          ? `(c.name ILIKE $${n} OR c.phone LIKE $${n} OR p.utr LIKE $${n})`
          : `(b.name ILIKE $${n} OR p.utr LIKE $${n})`,
      );
    }
    const rows = (await this.dataSource.query(
      `SELECT ${PAYMENT_COLUMNS} FROM pending_payments p ${PAYMENT_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY p.created_at DESC, p.transaction_id DESC LIMIT $2`,
      params,
    )) as PaymentRow[];
    return toPage(rows, limit, toPaymentDto);
  }

  /** The customer withdraws a claim while it is still pending. */
  async cancel(principal: Principal, paymentId: string): Promise<PaymentDto> {
    const [row] = (await this.dataSource.query(
      `WITH p AS (
         UPDATE pending_payments SET status = 'cancelled', cancelled_at = now()
          WHERE transaction_id = $1 AND customer_id = $2 AND status = 'pending'
          RETURNING *
       ), e AS (
         INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
         SELECT transaction_id, account_id, business_id, customer_id, 'cancelled', 'pending', 'cancelled', $3, 'customer' FROM p
       )
       SELECT ${PAYMENT_COLUMNS} FROM p ${PAYMENT_JOINS}`,
      [paymentId, principal.customerId, principal.userId],
    )) as PaymentRow[];
    if (!row) throw await this.whyUnchanged(principal, paymentId);
    this.events.changed();
    return toPaymentDto(row);
  }

  async history(principal: Principal, paymentId: string): Promise<PaymentHistoryDto> {
    const { sql, owner } = paymentScope(principal);
    const rows = await this.dataSource.query(
      `SELECT e.type, e.from_status, e.to_status, e.actor_id, e.actor_role, e.reason, e.at
         FROM pending_payments p JOIN payment_events e ON e.payment_id = p.transaction_id
        WHERE p.transaction_id = $1 AND ${sql}
        ORDER BY e.id`,
      [paymentId, owner],
    );
    if (rows.length === 0) throw paymentNotFound();
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        type: r.type as string,
        fromStatus: r.from_status as string | null,
        toStatus: r.to_status as string,
        actorId: r.actor_id as string | null,
        actorRole: r.actor_role as string,
        reason: r.reason as string | null,
        at: new Date(r.at as string).toISOString(),
      })),
    };
  }

  /** A decision changed no row: the payment is not the caller's (404), or no longer pending (409 with its status). */
  async whyUnchanged(principal: Principal, paymentId: string): Promise<DomainError> {
    const { sql, owner } = paymentScope(principal);
    const [row] = (await this.dataSource.query(`SELECT p.status FROM pending_payments p WHERE p.transaction_id = $1 AND ${sql}`, [
      paymentId,
      owner,
    ])) as {
      status: PaymentStatus;
    }[];
    return row ? paymentNotPending(paymentId, row.status) : paymentNotFound();
  }
}
