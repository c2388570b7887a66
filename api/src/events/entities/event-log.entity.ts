import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * `event_log`: the outbox every live-event consumer reads, in `position` order. A trigger writes a row for each
 * audit event in the audit event's own transaction, with no position; the sequencer (`EventsService`) gives
 * committed rows their positions later, one run at a time (migration `EventLog`).
 */
@Entity({ name: 'event_log' })
@Unique('event_log_position_key', ['position'])
@Index('event_log_unsequenced_idx', ['id'], { where: `"position" IS NULL` })
@Index('event_log_business_idx', ['businessId', 'position'])
@Index('event_log_customer_idx', ['customerId', 'position'])
@Index('event_log_payment_idx', ['paymentId'])
@Check('event_log_subject_check', `"payment_id" IS NOT NULL OR "transaction_id" IS NOT NULL`)
export class EventLogEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'event_log_pkey' })
  id: string;

  /** Commit order: NULL until sequenced, then increasing. The SSE `id`. */
  @Column({ type: 'bigint', nullable: true })
  position: string | null;

  /** The public event type, e.g. `payment.approved`. */
  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  /** The payment (`payment.*`, and `transaction.created` of an approval's entry: the entry is found by it). */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  /** The ledger entry of `transaction.created` recorded by hand (migration `Webhooks`). */
  @Column({ name: 'transaction_id', type: 'uuid', nullable: true })
  transactionId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
