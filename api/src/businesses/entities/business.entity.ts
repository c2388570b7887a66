import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, Unique } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/** Exactly one per business user: the shop, its UPI payee address and the code customers join with. */
@Entity({ name: 'businesses' })
@Unique('businesses_owner_user_id_key', ['ownerUserId'])
@Unique('businesses_join_code_key', ['joinCode'])
@Check('businesses_closed_check', `("closed_at" IS NULL) = ("join_code" IS NOT NULL)`)
export class Business {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'businesses_pkey' })
  id: string;

  @Column({ name: 'owner_user_id', type: 'uuid' })
  ownerUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_user_id', foreignKeyConstraintName: 'businesses_owner_fk' })
  owner?: User;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'upi_id', type: 'varchar', length: 100 })
  upiId: string;

  /** Null once the shop is closed: nobody joins it any more. */
  @Column({ name: 'join_code', type: 'varchar', length: 16, nullable: true })
  joinCode: string | null;

  /** When its owner closed their account: the books stay, read-only, for its customers. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
