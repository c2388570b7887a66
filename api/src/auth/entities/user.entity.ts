import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type Role = 'business' | 'customer';

/** One phone number = one user with one role (a closed account keeps its row without phone or password). */
@Entity({ name: 'users' })
@Unique('users_phone_key', ['phone'])
@Check('users_role_check', `"role" IN ('business', 'customer')`)
@Check('users_closed_check', `("closed_at" IS NULL) = ("phone" IS NOT NULL AND "password_hash" IS NOT NULL)`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Normalised `+91XXXXXXXXXX`; null once the account is closed (the phone can register again). */
  @Column({ type: 'varchar', length: 13, nullable: true })
  phone: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  /** When the user closed their account: the login is gone, their name pseudonymised, their ledger kept. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
