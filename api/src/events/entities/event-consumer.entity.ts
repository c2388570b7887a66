import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `event_consumers`: how far in the event log a durable consumer (the webhooks relay) has read. */
@Entity({ name: 'event_consumers' })
export class EventConsumer {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'event_consumers_pkey' })
  name: string;

  /** Every entry up to this position has been handled. */
  @Column({ type: 'bigint' })
  position: string;
}
