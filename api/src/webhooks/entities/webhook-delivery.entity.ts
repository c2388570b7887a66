import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * `webhook_deliveries`: one message for one endpoint, with its body fixed when it was made (every attempt and
 * replay sends the same bytes under the same `webhook-id`), and where it stands in its retry schedule.
 */
@Entity({ name: 'webhook_deliveries' })
@Unique('webhook_deliveries_message_id_key', ['messageId'])
@Check('webhook_deliveries_status_check', `"status" IN ('pending', 'delivered', 'failed')`)
@Index('webhook_deliveries_due_idx', ['endpointId', 'nextAttemptAt', 'eventPosition'], { where: `"status" = 'pending'` })
@Index('webhook_deliveries_order_idx', ['endpointId', 'orderKey', 'eventPosition'], { where: `"status" = 'pending'` })
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt', 'id'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_deliveries_pkey' })
  id: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'webhook_deliveries_endpoint_fk' })
  endpoint?: WebhookEndpoint;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  /** The `webhook-id` header: the same on every attempt and replay. */
  @Column({ name: 'message_id', type: 'varchar', length: 40 })
  messageId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 32 })
  eventType: string;

  /** The event log position it came from (null for a test event). */
  @Column({ name: 'event_position', type: 'bigint', nullable: true })
  eventPosition: string | null;

  /** Deliveries with the same key (the payment, else the account) go out in `event_position` order. */
  @Column({ name: 'order_key', type: 'uuid', nullable: true })
  orderKey: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: WebhookDeliveryStatus;

  /** Attempts made in the current schedule (a replay starts a new one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When it is due; while an attempt is in flight, when its lease ends. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** Set while a relay holds it (claimed with FOR UPDATE SKIP LOCKED). */
  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
