import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { Business } from '../../businesses/entities/business.entity';

/**
 * A business's API key. Only the SHA-256 of the secret is kept (the secret is 256 random bits, so no slow hash is
 * needed), with a short prefix to tell keys apart in lists. A revoked key stays, for the record, and works no more.
 */
@Entity({ name: 'api_keys' })
@Unique('api_keys_secret_hash_key', ['secretHash'])
@Index('api_keys_business_created_idx', ['businessId', 'createdAt', 'id'])
@Check(
  'api_keys_scopes_check',
  `cardinality("scopes") >= 1 AND "scopes" <@ ARRAY['payments:read', 'payments:decide', 'accounts:read', 'accounts:write', 'webhooks:manage']::text[]`,
)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_keys_pkey' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @ManyToOne(() => Business, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'business_id', foreignKeyConstraintName: 'api_keys_business_fk' })
  business?: Business;

  /** The owner who made it: requests with the key act as this user (audit trail, `approvedBy`). */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'api_keys_created_by_fk' })
  creator?: User;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** `kp_` and the secret's first 8 characters. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Written at most once a minute per key. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
