import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { PendingPayment } from '../../payments/entities/pending-payment.entity';

export type TransactionType = 'credit' | 'payment';

/**
 * `transactions`: the append-only ledger. `credit` raises the balance (goods on credit), `payment` lowers it.
 * Inserting an entry moves its account's balance (a database trigger, which also numbers the entry and records the
 * balance after it); triggers refuse any edit or delete: a mistake is fixed by a further entry.
 */
@Entity({ name: 'transactions' })
@Unique('transactions_original_pending_id_key', ['originalPendingId'])
@Unique('transactions_account_entry_key', ['businessId', 'accountId', 'entryNo'])
/** The target of `transactions_corrects_fk`: a correction is in the account of the entry it corrects. */
@Unique('transactions_entry_account_key', ['id', 'accountId'])
@Unique('transactions_corrects_key', ['correctsEntryId'])
@Check('transactions_corrects_check', `"corrects_entry_id" <> "id"`)
@Check('transactions_amount_check', `"amount" > 0`)
@Check('transactions_type_check', `"transaction_type" IN ('credit', 'payment')`)
export class LedgerTransaction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'transactions_pkey' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** The account, with its business and customer: an entry always belongs to its account's owners. */
  @ManyToOne(() => Account, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'account_id', referencedColumnName: 'id', foreignKeyConstraintName: 'transactions_account_fk' },
    { name: 'business_id', referencedColumnName: 'businessId' },
    { name: 'customer_id', referencedColumnName: 'customerId' },
  ])
  account?: Account;

  /** 1, 2, 3 ... within the account, in the order the balance moved. Set by the database. */
  @Column({ name: 'entry_no', type: 'int' })
  entryNo: number;

  /** The account's balance right after this entry. Set by the database. */
  @Column({ name: 'balance_after', type: 'numeric', precision: 14, scale: 2 })
  balanceAfter: string;

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

  /** The entry this one corrects (at most one correction per entry; same account). */
  @Column({ name: 'corrects_entry_id', type: 'uuid', nullable: true })
  correctsEntryId: string | null;

  @ManyToOne(() => LedgerTransaction, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'corrects_entry_id', referencedColumnName: 'id', foreignKeyConstraintName: 'transactions_corrects_fk' },
    { name: 'account_id', referencedColumnName: 'accountId' },
  ])
  corrects?: LedgerTransaction;

  /** The claim, in this entry's account. */
  @ManyToOne(() => PendingPayment, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'original_pending_id', referencedColumnName: 'id', foreignKeyConstraintName: 'transactions_original_pending_fk' },
    { name: 'account_id', referencedColumnName: 'accountId' },
  ])
  originalPending?: PendingPayment;
}
