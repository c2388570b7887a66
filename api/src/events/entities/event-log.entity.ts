import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

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

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
