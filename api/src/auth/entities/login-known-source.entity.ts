import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A device or an address that logged in to (or registered) this user successfully. Failed logins from it are
 * counted against a budget of its own, so a stranger's failures on the phone number cannot lock the owner out.
 * Only hashes are kept: the SHA-256 of the device token (a secret the SPA keeps), and of the address key
 * (IPv4 address or IPv6 /64; hashed so the table is no list of addresses at a glance).
 */
@Entity({ name: 'login_known_sources' })
@Check('login_known_sources_kind_check', `"kind" IN ('device', 'address')`)
@Index('login_known_sources_last_success_idx', ['lastSuccessAt'])
export class LoginKnownSource {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'login_known_sources_pkey' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'login_known_sources_user_fk' })
  user?: User;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'login_known_sources_pkey' })
  kind: 'device' | 'address';

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'login_known_sources_pkey' })
  fingerprint: string;

  @Column({ name: 'last_success_at', type: 'timestamptz', default: () => 'now()' })
  lastSuccessAt: Date;
}
