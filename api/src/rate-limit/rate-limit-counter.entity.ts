import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit counter: `hits` counted in the fixed window that ends at `resets_at`. Kept in PostgreSQL so that
 * counters survive a restart and are shared by every API process. The table is UNLOGGED (see its migration).
 */
@Entity({ name: 'rate_limit_counters' })
@Index('rate_limit_counters_resets_idx', ['resetsAt'])
export class RateLimitCounter {
  /** `<budget>:<subject>`, e.g. `login:phone:+919876500001` or `joinAddress:2401:4900:1c2a:7f00::/64`. */
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'rate_limit_counters_pkey' })
  key: string;

  @Column({ type: 'int' })
  hits: number;

  @Column({ name: 'resets_at', type: 'timestamptz' })
  resetsAt: Date;
}
