import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Business } from '../../businesses/entities/business.entity';

/** `webhook_endpoints`: where a business wants its events POSTed, which ones, and the secret that signs them. */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_business_idx', ['businessId', 'createdAt'])
@Check('webhook_endpoints_events_check', `cardinality("events") BETWEEN 1 AND 16`)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_endpoints_pkey' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @ManyToOne(() => Business, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'business_id', foreignKeyConstraintName: 'webhook_endpoints_business_fk' })
  business?: Business;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 32, array: true })
  events: string[];

  /** `whsec_` + base64 of 32 random bytes. Kept as is: signing needs it (an HMAC key cannot be hashed). */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  /** The secret before the last rotation: it signs too until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret', type: 'varchar', length: 100, nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Set when deliveries stop: the receiver answered 410, or it failed for days. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  /** The first failed attempt since the last success. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
