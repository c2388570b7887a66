import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import { PAYMENT, PAYMENT_JOINS, PaymentRow } from '../payments/payments.repository';
import { ownedBy, type Tenant } from '../tenancy/tenant';
import type { LiveEventType } from './live-events';

/** An entry of the event log, once sequenced. */
export interface LogRow {
  position: string;
  type: LiveEventType;
  business_id: string;
  customer_id: string;
  /** Null for a ledger entry recorded by hand (`transaction.created`), which the live stream skips. */
  payment_id: string | null;
}

export type ReplayRow = PaymentRow & {
  event_position: string;
  event_type: LiveEventType;
  event_business_id: string;
  event_customer_id: string;
};

/** Arbitrary, fixed (the migration lock is 727_274_001): one sequencer run at a time across processes. */
const SEQUENCER_LOCK = 727_274_002;

/**
 * The event log (`event_log`, an outbox filled by a trigger on `payment_events`): the sequencer's statements, the
 * delivery's reads, a tenant's replay. See events.service.ts for why it is shaped so.
 */
@Injectable()
export class EventLogRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql()
  async anyUnsequenced(): Promise<boolean> {
    const row = await this.db
      .system('the sequencer orders every tenant’s events')
      .one<{ waiting: boolean }>(`SELECT EXISTS (SELECT 1 FROM event_log WHERE position IS NULL) AS waiting`);
    return row!.waiting;
  }

  /**
   * In the caller's transaction, in a statement of its own: the next statement's snapshot is taken after the
   * lock, so it sees every commit made before it.
   */
  @GenerateSql()
  async lockSequencer(): Promise<void> {
    await this.db
      .system('the sequencer orders every tenant’s events')
      .rows(`SELECT pg_advisory_xact_lock(:lock)`, { lock: SEQUENCER_LOCK });
  }

  /**
   * Gives the next positions to committed, unsequenced events, in id order (`max(position) + row_number()` under
   * the lock: gapless); returns how many and up to which.
   */
  @GenerateSql({ params: [1000] })
  async sequenceBatch(batch: number): Promise<{ count: number; upto: string | null }> {
    const row = await this.db.system('the sequencer orders every tenant’s events').one<{ count: number; upto: string | null }>(
      `WITH batch AS (
         SELECT id, row_number() OVER (ORDER BY id) AS n
           FROM (SELECT id FROM event_log WHERE position IS NULL ORDER BY id LIMIT :batch) unsequenced
       ), sequenced AS (
         UPDATE event_log e SET position = (SELECT coalesce(max(position), 0) FROM event_log) + batch.n
           FROM batch WHERE e.id = batch.id
         RETURNING e.position
       )
       SELECT count(*)::int AS count, max(position)::text AS upto FROM sequenced`,
      { batch },
    );
    return row!;
  }

  /** Tells every process's listener that positions moved (once per sequencer run, off every writer's path). */
  @GenerateSql({ params: ['event_log', '42'] })
  async announce(channel: string, upto: string): Promise<void> {
    await this.db.system('the sequencer orders every tenant’s events').rows(`SELECT pg_notify(:channel, :upto)`, { channel, upto });
  }

  /** The highest position given so far (0 for an empty log). */
  @GenerateSql()
  async latestPosition(): Promise<bigint> {
    const row = await this.db
      .system('a position is the same for every tenant')
      .one<{ position: string }>(`SELECT coalesce(max(position), 0)::text AS position FROM event_log`);
    return BigInt(row!.position);
  }

  /** Every tenant's events after `position`: each is then handed only to its own business's and customer's streams. */
  @GenerateSql({ params: [0n, 1000] })
  after(position: bigint, limit: number): Promise<LogRow[]> {
    return this.db.system('the delivery fans out every tenant’s events, each only to its own audience').rows(
      // Ordered by the column, not by the text alias of the same name ('10' < '9').
      `SELECT e.position::text AS position, e.type, e.business_id, e.customer_id, e.payment_id
         FROM event_log e WHERE e.position > :position ORDER BY e.position LIMIT :limit`,
      { position: position.toString(), limit },
    );
  }

  /** The payments of events being delivered, as they are now. */
  @GenerateSql({ params: [[SAMPLE.id]] })
  paymentsById(paymentIds: string[]): Promise<PaymentRow[]> {
    return this.db
      .system('the delivery fans out every tenant’s events, each only to its own audience')
      .rows(`SELECT ${PAYMENT.select()} FROM pending_payments p ${PAYMENT_JOINS} WHERE p.transaction_id = ANY(:paymentIds::uuid[])`, {
        paymentIds,
      });
  }

  /** The tenant's events after `position`, oldest first, with their payments as they are now. */
  @GenerateSql(
    { name: 'business', params: [SAMPLE.businessTenant, 0n, 500] },
    { name: 'customer', params: [SAMPLE.customerTenant, 0n, 500] },
  )
  replay(tenant: Tenant, position: bigint, limit: number): Promise<ReplayRow[]> {
    return this.db.tenant(tenant).rows(
      `SELECT e.position::text AS event_position, e.type AS event_type, e.business_id AS event_business_id,
              e.customer_id AS event_customer_id, ${PAYMENT.select()}
         FROM event_log e
         JOIN pending_payments p ON p.transaction_id = e.payment_id ${PAYMENT_JOINS}
        WHERE ${ownedBy(tenant, 'e')} AND e.position > :position AND e.type LIKE 'payment.%'
        ORDER BY e.position LIMIT :limit`,
      { position: position.toString(), limit },
    );
  }
}
