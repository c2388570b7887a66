import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/**
 * A person who owes businesses. A customer user has exactly one; a business that adds someone without a login
 * creates one with no user, which the person's own customer replaces when they claim the account's invite code.
 */
@Entity({ name: 'customers' })
@Unique('customers_user_id_key', ['userId'])
export class Customer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'customers_pkey' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'customers_user_fk' })
  user?: User;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 13 })
  phone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
