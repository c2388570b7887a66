import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, Unique } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/** Exactly one per business user: the shop, its UPI payee address and the code customers join with. */
@Entity({ name: 'businesses' })
@Unique('businesses_owner_user_id_key', ['ownerUserId'])
@Unique('businesses_join_code_key', ['joinCode'])
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

  @Column({ name: 'join_code', type: 'varchar', length: 16 })
  joinCode: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
