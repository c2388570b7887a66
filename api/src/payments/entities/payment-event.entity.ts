import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { PendingPayment } from './pending-payment.entity';

export type PaymentEventType = 'submitted' | 'approved' | 'rejected' | 'cancelled';

/** The audit trail: every state change of a payment, submission included. Its increasing id also orders live events. */
@Entity({ name: 'payment_events' })
@Index('payment_events_payment_idx', ['paymentId', 'id'])
@Index('payment_events_business_idx', ['businessId', 'id'])
@Index('payment_events_customer_idx', ['customerId', 'id'])
export class PaymentEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'payment_events_pkey' })
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  /** The claim, in its account. */
  @ManyToOne(() => PendingPayment, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'payment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'payment_events_payment_fk' },
    { name: 'account_id', referencedColumnName: 'accountId' },
  ])
  payment?: PendingPayment;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** The account, with its business and customer: an event always belongs to its account's owners. */
  @ManyToOne(() => Account, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'account_id', referencedColumnName: 'id', foreignKeyConstraintName: 'payment_events_account_fk' },
    { name: 'business_id', referencedColumnName: 'businessId' },
    { name: 'customer_id', referencedColumnName: 'customerId' },
  ])
  account?: Account;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ type: 'varchar', length: 16 })
  type: PaymentEventType;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
