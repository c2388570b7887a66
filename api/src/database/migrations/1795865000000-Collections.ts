import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money collected per day, kept as running totals so that the dashboard's "today, this week, this month" reads at
 * most 31 days of a few rows instead of a month of a shop's ledger.
 *
 * - Approved claims are counted already: `payment_stats_daily.approved_total` (by the day of approval in India).
 * - Payments recorded by hand (cash, a cheque) and corrections of them go to `recorded_total` of the same rows,
 *   by a trigger on the ledger that fires only for those entries: an approval's write path is not touched.
 *   A correction of a payment moves the total by its difference (a correcting payment adds, a correcting credit
 *   takes away); a correction of a credit is not money received, nor is a merge's transfer.
 */
const UP = [
  `ALTER TABLE "payment_stats_daily" ADD "recorded_total" numeric NOT NULL DEFAULT '0'`,
  `CREATE FUNCTION payment_stats_on_recorded_entry() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.corrects_entry_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM transactions c WHERE c.id = NEW.corrects_entry_id AND c.transaction_type = 'payment') THEN
       RETURN NULL;
     END IF;
     INSERT INTO payment_stats_daily AS s (business_id, day, slot, recorded_total)
     VALUES (NEW.business_id, ist_day(NEW.created_at), pg_backend_pid() % 64,
             CASE NEW.transaction_type WHEN 'payment' THEN NEW.amount ELSE -NEW.amount END)
     ON CONFLICT (business_id, day, slot) DO UPDATE SET recorded_total = s.recorded_total + EXCLUDED.recorded_total;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER payment_stats_on_recorded_entry AFTER INSERT ON transactions FOR EACH ROW
     WHEN (NEW.original_pending_id IS NULL AND NEW.payment_method <> 'merge'
           AND (NEW.transaction_type = 'payment' OR NEW.corrects_entry_id IS NOT NULL))
     EXECUTE FUNCTION payment_stats_on_recorded_entry()`,
  // What was recorded by hand so far.
  `INSERT INTO payment_stats_daily AS s (business_id, day, slot, recorded_total)
   SELECT t.business_id, ist_day(t.created_at), 0, sum(CASE t.transaction_type WHEN 'payment' THEN t.amount ELSE -t.amount END)
     FROM transactions t LEFT JOIN transactions c ON c.id = t.corrects_entry_id
    WHERE t.original_pending_id IS NULL AND t.payment_method <> 'merge'
      AND ((t.corrects_entry_id IS NULL AND t.transaction_type = 'payment') OR c.transaction_type = 'payment')
    GROUP BY t.business_id, ist_day(t.created_at)
   ON CONFLICT (business_id, day, slot) DO UPDATE SET recorded_total = s.recorded_total + EXCLUDED.recorded_total`,
  // The rebuild (used by bulk loads that bypass triggers) recomputes these too.
  `CREATE OR REPLACE FUNCTION payment_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     LOCK TABLE pending_payments, customer_credits, transactions IN SHARE ROW EXCLUSIVE MODE;
     DELETE FROM payment_stats;
     DELETE FROM payment_stats_daily;
     INSERT INTO payment_stats (business_id, slot, pending_count, pending_total, receivable_total)
     SELECT business_id, 0, sum(pending_count), sum(pending_total), sum(receivable_total)
       FROM (SELECT business_id, count(*) AS pending_count, sum(amount) AS pending_total, 0 AS receivable_total
               FROM pending_payments WHERE status = 'pending' GROUP BY business_id
             UNION ALL
             SELECT business_id, 0, 0, sum(current_balance) FROM customer_credits WHERE current_balance > 0 GROUP BY business_id) x
      GROUP BY business_id;
     INSERT INTO payment_stats_daily (business_id, day, slot, approved_count, approved_total, recorded_total)
     SELECT business_id, day, 0, sum(approved_count), sum(approved_total), sum(recorded_total)
       FROM (SELECT business_id, ist_day(approved_at) AS day, count(*) AS approved_count, sum(amount) AS approved_total, 0 AS recorded_total
               FROM pending_payments WHERE status = 'approved' GROUP BY business_id, ist_day(approved_at)
             UNION ALL
             SELECT t.business_id, ist_day(t.created_at), 0, 0, sum(CASE t.transaction_type WHEN 'payment' THEN t.amount ELSE -t.amount END)
               FROM transactions t LEFT JOIN transactions c ON c.id = t.corrects_entry_id
              WHERE t.original_pending_id IS NULL AND t.payment_method <> 'merge'
                AND ((t.corrects_entry_id IS NULL AND t.transaction_type = 'payment') OR c.transaction_type = 'payment')
              GROUP BY t.business_id, ist_day(t.created_at)) x
      GROUP BY business_id, day;
   END $$`,
];

export class Collections1795865000000 implements MigrationInterface {
  name = 'Collections1795865000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION payment_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE pending_payments, customer_credits IN SHARE ROW EXCLUSIVE MODE;
        DELETE FROM payment_stats;
        DELETE FROM payment_stats_daily;
        INSERT INTO payment_stats (business_id, slot, pending_count, pending_total, receivable_total)
        SELECT business_id, 0, sum(pending_count), sum(pending_total), sum(receivable_total)
          FROM (SELECT business_id, count(*) AS pending_count, sum(amount) AS pending_total, 0 AS receivable_total
                  FROM pending_payments WHERE status = 'pending' GROUP BY business_id
                UNION ALL
                SELECT business_id, 0, 0, sum(current_balance) FROM customer_credits WHERE current_balance > 0 GROUP BY business_id) x
         GROUP BY business_id;
        INSERT INTO payment_stats_daily (business_id, day, slot, approved_count, approved_total)
        SELECT business_id, ist_day(approved_at), 0, count(*), sum(amount)
          FROM pending_payments WHERE status = 'approved' GROUP BY business_id, ist_day(approved_at);
      END $$`);
    await queryRunner.query(`DROP TRIGGER payment_stats_on_recorded_entry ON transactions`);
    await queryRunner.query(`DROP FUNCTION payment_stats_on_recorded_entry()`);
    await queryRunner.query(`ALTER TABLE "payment_stats_daily" DROP COLUMN "recorded_total"`);
  }
}
