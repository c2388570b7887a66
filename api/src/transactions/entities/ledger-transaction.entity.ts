import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { PendingPayment } from '../../payments/entities/pending-payment.entity';

export type TransactionType = 'credit' | 'payment';

/**
 * `transactions`: the append-only ledger. `credit` raises the balance (goods on credit), `payment` lowers it.
 * A trigger refuses edits to the money columns and any delete; a mistake is fixed by a further entry.
 */
@Entity({ name: 'transactions' })
@Unique('transactions_original_pending_id_key', ['originalPendingId'])
@Check('transactions_amount_check', `"amount" > 0`)
@Check('transactions_type_check', `"transaction_type" IN ('credit', 'payment')`)
@Index('transactions_business_account_created_idx', ['businessId', 'accountId', 'createdAt', 'id'])
@Index('transactions_customer_created_idx', ['customerId', 'createdAt', 'id'])
export class LedgerTransaction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'transactions_pkey' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'transactions_account_fk' })
  account?: Account;

  @Column({ type: 'numeric', precision: 10, scale: 2 })
  amount: string;

  @Column({ name: 'transaction_type', type: 'varchar', length: 16 })
  transactionType: TransactionType;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'payment_method', type: 'varchar', length: 50, default: 'manual' })
  paymentMethod: string;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** The approved claim this entry came from: at most one entry per claim. */
  @Column({ name: 'original_pending_id', type: 'uuid', nullable: true })
  originalPendingId: string | null;

  @ManyToOne(() => PendingPayment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'original_pending_id', foreignKeyConstraintName: 'transactions_original_pending_fk' })
  originalPending?: PendingPayment;
}
