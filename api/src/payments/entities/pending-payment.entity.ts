import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';

export type PaymentStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
export const PAYMENT_STATUSES: PaymentStatus[] = ['pending', 'approved', 'rejected', 'cancelled'];

/**
 * A customer's claim "I paid ₹X via PhonePe" (the columns of the original requirement, timestamps as timestamptz).
 * Never deleted; `pending -> approved | rejected | cancelled`, and a trigger refuses any change to a terminal row.
 */
@Entity({ name: 'pending_payments' })
@Check('pending_payments_amount_check', `"amount" > 0`)
@Check('pending_payments_status_check', `"status" IN ('pending', 'approved', 'rejected', 'cancelled')`)
@Check('pending_payments_utr_check', `"utr" ~ '^[0-9]{12}$'`)
@Check(
  'pending_payments_decision_check',
  `("status" = 'pending' AND "approved_at" IS NULL AND "approved_by" IS NULL AND "rejected_at" IS NULL AND "rejected_by" IS NULL
        AND "rejection_reason" IS NULL AND "cancelled_at" IS NULL)
     OR ("status" = 'approved' AND "approved_at" IS NOT NULL AND "approved_by" IS NOT NULL AND "rejected_at" IS NULL
        AND "rejected_by" IS NULL AND "rejection_reason" IS NULL AND "cancelled_at" IS NULL)
     OR ("status" = 'rejected' AND "rejected_at" IS NOT NULL AND "rejected_by" IS NOT NULL AND "rejection_reason" IS NOT NULL
        AND "approved_at" IS NULL AND "approved_by" IS NULL AND "cancelled_at" IS NULL)
     OR ("status" = 'cancelled' AND "cancelled_at" IS NOT NULL AND "approved_at" IS NULL AND "approved_by" IS NULL
        AND "rejected_at" IS NULL AND "rejected_by" IS NULL AND "rejection_reason" IS NULL)`,
)
/** The target of the foreign keys of its ledger entry and audit events: they belong to the claim's account. */
@Unique('pending_payments_account_key', ['id', 'accountId'])
@Index('pending_payments_business_status_created_idx', ['businessId', 'status', 'createdAt', 'id'])
@Index('pending_payments_business_created_idx', ['businessId', 'createdAt', 'id'])
@Index('pending_payments_customer_created_idx', ['customerId', 'createdAt', 'id'])
@Index('pending_payments_account_pending_idx', ['accountId'], { where: `"status" = 'pending'` })
@Index('pending_payments_business_approved_idx', ['businessId', 'approvedAt'], { where: `"status" = 'approved'` })
@Index('pending_payments_business_utr_key', ['businessId', 'utr'], {
  unique: true,
  where: `"utr" IS NOT NULL AND "status" IN ('pending', 'approved')`,
})
export class PendingPayment {
  /** `transaction_id` in the table (the original requirement's name); `id` in the API. */
  @PrimaryGeneratedColumn('uuid', { name: 'transaction_id', primaryKeyConstraintName: 'pending_payments_pkey' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** The account, with its business and customer: a claim always belongs to its account's owners. */
  @ManyToOne(() => Account, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'account_id', referencedColumnName: 'id', foreignKeyConstraintName: 'pending_payments_account_fk' },
    { name: 'business_id', referencedColumnName: 'businessId' },
    { name: 'customer_id', referencedColumnName: 'customerId' },
  ])
  account?: Account;

  @Column({ type: 'numeric', precision: 10, scale: 2 })
  amount: string;

  @Column({ name: 'payment_method', type: 'varchar', length: 50, default: 'PhonePe' })
  paymentMethod: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: PaymentStatus;

  /** UPI transaction reference (12 digits), as the customer typed it. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  utr: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ name: 'rejected_by', type: 'uuid', nullable: true })
  rejectedBy: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null;
}
