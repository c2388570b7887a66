import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type Role = 'business' | 'customer';

/** One phone number = one user with one role. */
@Entity({ name: 'users' })
@Unique('users_phone_key', ['phone'])
@Check('users_role_check', `"role" IN ('business', 'customer')`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Normalised `+91XXXXXXXXXX`. */
  @Column({ type: 'varchar', length: 13 })
  phone: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
