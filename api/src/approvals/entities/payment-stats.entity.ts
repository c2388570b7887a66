import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The dashboard's running totals, kept by triggers (migration `PaymentStats`) so that `GET /payments/stats` reads a
 * few small rows instead of aggregating a business's whole history. Each business has up to 64 rows ("slots"): a
 * writer adds its delta to the slot of its database backend (`pg_backend_pid() % 64`), so concurrent approvals of
 * one business do not queue on a single counter row. The figures are the sums over the slots.
 */
@Entity({ name: 'payment_stats' })
export class PaymentStats {
  @PrimaryColumn({ name: 'business_id', type: 'uuid', primaryKeyConstraintName: 'payment_stats_pkey' })
  businessId: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'payment_stats_pkey' })
  slot: number;

  @Column({ name: 'pending_count', type: 'bigint', default: 0 })
  pendingCount: string;

  /** No precision: a sum over any number of accounts never overflows. */
  @Column({ name: 'pending_total', type: 'numeric', default: 0 })
  pendingTotal: string;

  /** Sum of the positive balances of the business's accounts. */
  @Column({ name: 'receivable_total', type: 'numeric', default: 0 })
  receivableTotal: string;
}

/** Money received per business and day in India (UTC+05:30): approvals and what was recorded by hand; slotted like `payment_stats`. */
@Entity({ name: 'payment_stats_daily' })
export class PaymentStatsDaily {
  @PrimaryColumn({ name: 'business_id', type: 'uuid', primaryKeyConstraintName: 'payment_stats_daily_pkey' })
  businessId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'payment_stats_daily_pkey' })
  day: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'payment_stats_daily_pkey' })
  slot: number;

  @Column({ name: 'approved_count', type: 'bigint', default: 0 })
  approvedCount: string;

  @Column({ name: 'approved_total', type: 'numeric', default: 0 })
  approvedTotal: string;

  /** Payments recorded by hand (cash, a cheque) and corrections of them, by the day they were recorded. */
  @Column({ name: 'recorded_total', type: 'numeric', default: 0 })
  recordedTotal: string;
}
