import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One login's chain of refresh tokens. It ends at `expires_at` however often it is used (rotations slide each
 * token's own expiry, never past this), or when revoked (logout, reuse of a spent token). Refresh, logout and
 * reuse detection all lock this row first, so a revocation and a refresh in flight happen one after the other.
 */
@Entity({ name: 'refresh_token_families' })
@Index('refresh_token_families_user_idx', ['userId'])
@Index('refresh_token_families_expires_idx', ['expiresAt'])
export class RefreshTokenFamily {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'refresh_token_families_pkey' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'refresh_token_families_user_fk' })
  user?: User;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
