import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals for `GET /payments/stats` (see `PaymentStats`): the dashboard no longer aggregates a business's
 * whole history (a shop with 100,000 pending claims took tens of milliseconds per call). Triggers keep the totals in
 * the same transaction as every change, whatever code path makes it. Deltas go to the slot of the writing backend
 * (`pg_backend_pid() % 64`), so concurrent approvals of one business rarely wait on the same counter row.
 * `payment_stats_rebuild()` recomputes everything from the tables (used here and by bulk loads that bypass triggers).
 */
const UP = [
  `CREATE TABLE "payment_stats" ("business_id" uuid NOT NULL, "slot" smallint NOT NULL, "pending_count" bigint NOT NULL DEFAULT '0', "pending_total" numeric(16,2) NOT NULL DEFAULT '0', "receivable_total" numeric(18,2) NOT NULL DEFAULT '0', CONSTRAINT "payment_stats_pkey" PRIMARY KEY ("business_id", "slot"))`,
  `CREATE TABLE "payment_stats_daily" ("business_id" uuid NOT NULL, "day" date NOT NULL, "slot" smallint NOT NULL, "approved_count" bigint NOT NULL DEFAULT '0', "approved_total" numeric(16,2) NOT NULL DEFAULT '0', CONSTRAINT "payment_stats_daily_pkey" PRIMARY KEY ("business_id", "day", "slot"))`,
  `CREATE FUNCTION ist_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
     $$ SELECT ((at AT TIME ZONE 'UTC') + interval '5 hours 30 minutes')::date $$`,
  `CREATE FUNCTION payment_stats_on_payment() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     delta int := (NEW.status = 'pending')::int - (TG_OP = 'UPDATE' AND OLD.status = 'pending')::int;
     my_slot smallint := pg_backend_pid() % 64;
   BEGIN
     IF delta <> 0 THEN
       INSERT INTO payment_stats AS s (business_id, slot, pending_count, pending_total)
       VALUES (NEW.business_id, my_slot, delta, delta * NEW.amount)
       ON CONFLICT (business_id, slot) DO UPDATE
         SET pending_count = s.pending_count + EXCLUDED.pending_count, pending_total = s.pending_total + EXCLUDED.pending_total;
     END IF;
     IF NEW.status = 'approved' AND (TG_OP = 'INSERT' OR OLD.status <> 'approved') THEN
       INSERT INTO payment_stats_daily AS s (business_id, day, slot, approved_count, approved_total)
       VALUES (NEW.business_id, ist_day(NEW.approved_at), my_slot, 1, NEW.amount)
       ON CONFLICT (business_id, day, slot) DO UPDATE
         SET approved_count = s.approved_count + 1, approved_total = s.approved_total + EXCLUDED.approved_total;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER payment_stats_on_insert AFTER INSERT ON pending_payments FOR EACH ROW EXECUTE FUNCTION payment_stats_on_payment()`,
  `CREATE TRIGGER payment_stats_on_update AFTER UPDATE OF status ON pending_payments FOR EACH ROW
     WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION payment_stats_on_payment()`,
  `CREATE FUNCTION payment_stats_on_balance() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     delta numeric := greatest(NEW.current_balance, 0) - CASE WHEN TG_OP = 'UPDATE' THEN greatest(OLD.current_balance, 0) ELSE 0 END;
   BEGIN
     IF delta <> 0 THEN
       INSERT INTO payment_stats AS s (business_id, slot, receivable_total)
       VALUES (NEW.business_id, pg_backend_pid() % 64, delta)
       ON CONFLICT (business_id, slot) DO UPDATE SET receivable_total = s.receivable_total + EXCLUDED.receivable_total;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER payment_stats_on_balance_insert AFTER INSERT ON customer_credits FOR EACH ROW EXECUTE FUNCTION payment_stats_on_balance()`,
  `CREATE TRIGGER payment_stats_on_balance_update AFTER UPDATE OF current_balance ON customer_credits FOR EACH ROW
     WHEN (greatest(OLD.current_balance, 0) IS DISTINCT FROM greatest(NEW.current_balance, 0)) EXECUTE FUNCTION payment_stats_on_balance()`,
  `CREATE FUNCTION payment_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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
   END $$`,
  `SELECT payment_stats_rebuild()`,
];

export class PaymentStats1795790000000 implements MigrationInterface {
  name = 'PaymentStats1795790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER payment_stats_on_balance_update ON customer_credits`);
    await queryRunner.query(`DROP TRIGGER payment_stats_on_balance_insert ON customer_credits`);
    await queryRunner.query(`DROP TRIGGER payment_stats_on_update ON pending_payments`);
    await queryRunner.query(`DROP TRIGGER payment_stats_on_insert ON pending_payments`);
    await queryRunner.query(`DROP FUNCTION payment_stats_rebuild()`);
    await queryRunner.query(`DROP FUNCTION payment_stats_on_balance()`);
    await queryRunner.query(`DROP FUNCTION payment_stats_on_payment()`);
    await queryRunner.query(`DROP FUNCTION ist_day(timestamptz)`);
    await queryRunner.query(`DROP TABLE "payment_stats_daily"`);
    await queryRunner.query(`DROP TABLE "payment_stats"`);
  }
}
