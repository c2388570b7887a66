import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Business } from '../../businesses/entities/business.entity';
import { Customer } from './customer.entity';

/**
 * `customer_credits`: one business-customer pair. `current_balance` > 0: the customer owes; < 0: an advance.
 * The database keeps it equal to the sum of the account's ledger: only a ledger entry moves it (migration
 * `LedgerIntegrity`), within +-99,999,999.99.
 */
@Entity({ name: 'customer_credits' })
@Unique('customer_credits_invite_code_key', ['inviteCode'])
/** One active account per business and customer; merged (closed) accounts keep theirs. */
@Index('customer_credits_business_customer_key', ['businessId', 'customerId'], { unique: true, where: `"merged_into" IS NULL` })
/** The target of the composite foreign keys that tie claims, entries and events to their account's owners. */
@Unique('customer_credits_account_key', ['id', 'businessId', 'customerId'])
@Check('customer_credits_balance_range', `"current_balance" BETWEEN -99999999.99 AND 99999999.99`)
@Check(
  'customer_credits_merge_check',
  `("merged_into" IS NULL) = ("merged_at" IS NULL)
     AND ("merged_into" IS NULL OR ("merged_into" <> "id" AND "current_balance" = 0 AND "invite_code" IS NULL))`,
)
@Index('customer_credits_business_owed_idx', ['businessId', 'currentBalance', 'id'], { where: `"merged_into" IS NULL` })
@Index('customer_credits_business_due_idx', ['businessId', 'dueSince', 'id'], { where: `"merged_into" IS NULL` })
@Index('customer_credits_business_created_idx', ['businessId', 'createdAt', 'id'])
@Index('customer_credits_customer_created_idx', ['customerId', 'createdAt', 'id'])
@Check('customer_credits_invite_code_check', `"invite_code" IS NULL OR "claimed_at" IS NULL`)
export class Account {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'customer_credits_pkey' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @ManyToOne(() => Business, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'business_id', foreignKeyConstraintName: 'customer_credits_business_fk' })
  business?: Business;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'customer_credits_customer_fk' })
  customer?: Customer;

  /** The name the business knows the person by (what it typed, or their own at joining); kept when they claim the account. */
  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ name: 'current_balance', type: 'numeric', precision: 14, scale: 2, default: 0 })
  currentBalance: string;

  /** Since when the account has owed (its balance went above zero); null while settled or in advance. Kept by the database. */
  @Column({ name: 'due_since', type: 'timestamptz', nullable: true })
  dueSince: Date | null;

  /** How many ledger entries the account has: the last entry's `entry_no`. Kept by the database. */
  @Column({ name: 'entry_count', type: 'int', default: 0 })
  entryCount: number;

  /** Lets the person claim this account while it has no login; cleared once claimed. */
  @Column({ name: 'invite_code', type: 'varchar', length: 16, nullable: true })
  inviteCode: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Set when this account was merged into another: closed, at zero, its history kept. */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto: string | null;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into', foreignKeyConstraintName: 'customer_credits_merged_into_fk' })
  mergedIntoAccount?: Account;

  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true })
  mergedAt: Date | null;
}
