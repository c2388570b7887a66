import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Account } from './account.entity';

/** The audit trail of merges: which account went into which, the balance it brought, who did it and when. */
@Entity({ name: 'account_merges' })
@Unique('account_merges_from_account_key', ['fromAccountId'])
@Index('account_merges_business_into_idx', ['businessId', 'intoAccountId'])
@Check('account_merges_actor_role_check', `"actor_role" IN ('business', 'customer')`)
export class AccountMerge {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'account_merges_pkey' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'into_account_id', type: 'uuid' })
  intoAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'into_account_id', foreignKeyConstraintName: 'account_merges_into_fk' })
  intoAccount?: Account;

  @Column({ name: 'from_account_id', type: 'uuid' })
  fromAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_account_id', foreignKeyConstraintName: 'account_merges_from_fk' })
  fromAccount?: Account;

  /** The merged account's balance when it was merged (positive: owed), now part of the other's. */
  @Column({ name: 'moved_balance', type: 'numeric', precision: 14, scale: 2 })
  movedBalance: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: 'business' | 'customer';

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
