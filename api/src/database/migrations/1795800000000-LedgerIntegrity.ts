import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the README says the database guarantees, made true by the database itself:
 *
 * 1. An account's balance is the sum of its ledger. The database keeps it: a ledger entry, as it is inserted,
 *    moves its account's balance (under the account's row lock) and records the balance after it and its number
 *    in the account's ledger (`entry_no`: 1, 2, 3 ... in the order the balance moved). Nothing else may change a
 *    balance: a direct UPDATE of `current_balance` or `entry_count` is refused, and an account starts at zero.
 * 2. Every amount and every balance stays within +-99,999,999.99 (the money column of an entry): a ledger entry or
 *    an approval that would take a balance past it is refused (`customer_credits_balance_range`).
 * 3. Ledger entries and audit events are never edited (no column but `customer_id`, which follows its account when
 *    the person claims it, ever changes), never deleted, and none of the money tables can be truncated.
 * 4. A claim, a ledger entry and an audit event belong to the business and customer of their account (composite
 *    foreign keys; a claimed account's new customer cascades to them), and a ledger entry made from a claim belongs
 *    to that claim's account.
 * 5. A claim's columns match its status exactly: a decided claim carries the fields of its decision and no other's.
 *
 * Triggers raise with a constraint name (`USING CONSTRAINT`), so a refusal says which rule refused.
 */
const SIGNED = `CASE transaction_type WHEN 'credit' THEN amount ELSE -amount END`;

const UP = [
  // -- 1. running balance and entry numbers, backfilled in the order entries were made
  `ALTER TABLE "customer_credits" ADD "entry_count" integer NOT NULL DEFAULT 0`,
  `ALTER TABLE "transactions" ADD "entry_no" integer, ADD "balance_after" numeric(14,2)`,
  `DO $$ BEGIN
     IF EXISTS (SELECT 1 FROM customer_credits a LEFT JOIN (SELECT account_id, sum(${SIGNED}) AS s FROM transactions GROUP BY account_id) l
                  ON l.account_id = a.id WHERE a.current_balance <> coalesce(l.s, 0)) THEN
       RAISE EXCEPTION 'some account balance differs from the sum of its ledger: repair it before migrating';
     END IF;
   END $$`,
  `UPDATE "transactions" t SET entry_no = n.entry_no, balance_after = n.balance_after
     FROM (SELECT id, row_number() OVER w AS entry_no, sum(${SIGNED}) OVER w AS balance_after
             FROM transactions WINDOW w AS (PARTITION BY account_id ORDER BY created_at, id)) n
    WHERE n.id = t.id`,
  `UPDATE "customer_credits" a SET entry_count = c.n FROM (SELECT account_id, count(*) AS n FROM transactions GROUP BY account_id) c
    WHERE c.account_id = a.id`,
  `ALTER TABLE "transactions" ALTER "entry_no" SET NOT NULL, ALTER "balance_after" SET NOT NULL`,
  `DROP INDEX "transactions_business_account_created_idx"`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_account_entry_key" UNIQUE ("business_id", "account_id", "entry_no")`,

  // -- 2. limits; the dashboard's running totals add up any number of accounts, so they have no precision to overflow
  `ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_balance_range" CHECK ("current_balance" BETWEEN -99999999.99 AND 99999999.99)`,
  `ALTER TABLE "payment_stats" ALTER "pending_total" TYPE numeric, ALTER "receivable_total" TYPE numeric`,
  `ALTER TABLE "payment_stats_daily" ALTER "approved_total" TYPE numeric`,

  // -- 4. consistency with the account (before the triggers below, which reference these names)
  `ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_account_key" UNIQUE ("id", "business_id", "customer_id")`,
  `ALTER TABLE "transactions" DROP CONSTRAINT "transactions_account_fk"`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_account_fk" FOREIGN KEY ("account_id", "business_id", "customer_id")
     REFERENCES "customer_credits"("id", "business_id", "customer_id") ON DELETE RESTRICT ON UPDATE CASCADE`,
  `ALTER TABLE "pending_payments" DROP CONSTRAINT "pending_payments_account_fk"`,
  `ALTER TABLE "pending_payments" ADD CONSTRAINT "pending_payments_account_fk" FOREIGN KEY ("account_id", "business_id", "customer_id")
     REFERENCES "customer_credits"("id", "business_id", "customer_id") ON DELETE RESTRICT ON UPDATE CASCADE`,
  `ALTER TABLE "pending_payments" ADD CONSTRAINT "pending_payments_account_key" UNIQUE ("transaction_id", "account_id")`,
  `ALTER TABLE "transactions" DROP CONSTRAINT "transactions_original_pending_fk"`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_original_pending_fk" FOREIGN KEY ("original_pending_id", "account_id")
     REFERENCES "pending_payments"("transaction_id", "account_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "payment_events" ADD "account_id" uuid`,
  `UPDATE "payment_events" e SET account_id = p.account_id FROM pending_payments p WHERE p.transaction_id = e.payment_id`,
  `ALTER TABLE "payment_events" ALTER "account_id" SET NOT NULL`,
  `ALTER TABLE "payment_events" DROP CONSTRAINT "payment_events_payment_fk"`,
  `ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_fk" FOREIGN KEY ("payment_id", "account_id")
     REFERENCES "pending_payments"("transaction_id", "account_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_account_fk" FOREIGN KEY ("account_id", "business_id", "customer_id")
     REFERENCES "customer_credits"("id", "business_id", "customer_id") ON DELETE RESTRICT ON UPDATE CASCADE`,

  // -- 5. a decision's columns, and only its own
  `ALTER TABLE "pending_payments" DROP CONSTRAINT "pending_payments_decision_check"`,
  `ALTER TABLE "pending_payments" ADD CONSTRAINT "pending_payments_decision_check" CHECK (
     ("status" = 'pending' AND "approved_at" IS NULL AND "approved_by" IS NULL AND "rejected_at" IS NULL AND "rejected_by" IS NULL
        AND "rejection_reason" IS NULL AND "cancelled_at" IS NULL)
     OR ("status" = 'approved' AND "approved_at" IS NOT NULL AND "approved_by" IS NOT NULL AND "rejected_at" IS NULL
        AND "rejected_by" IS NULL AND "rejection_reason" IS NULL AND "cancelled_at" IS NULL)
     OR ("status" = 'rejected' AND "rejected_at" IS NOT NULL AND "rejected_by" IS NOT NULL AND "rejection_reason" IS NOT NULL
        AND "approved_at" IS NULL AND "approved_by" IS NULL AND "cancelled_at" IS NULL)
     OR ("status" = 'cancelled' AND "cancelled_at" IS NOT NULL AND "approved_at" IS NULL AND "approved_by" IS NULL
        AND "rejected_at" IS NULL AND "rejected_by" IS NULL AND "rejection_reason" IS NULL))`,

  // -- 1. the database keeps the balance
  `CREATE FUNCTION ledger_record_entry() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE customer_credits
        SET current_balance = current_balance + CASE NEW.transaction_type WHEN 'credit' THEN NEW.amount ELSE -NEW.amount END,
            entry_count = entry_count + 1,
            updated_at = now()
      WHERE id = NEW.account_id
     RETURNING current_balance, entry_count INTO NEW.balance_after, NEW.entry_no;
     IF NOT FOUND THEN
       RAISE EXCEPTION 'no account % for this ledger entry', NEW.account_id
         USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'transactions_account_fk';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER transactions_record_entry BEFORE INSERT ON transactions FOR EACH ROW EXECUTE FUNCTION ledger_record_entry()`,
  `CREATE FUNCTION customer_credits_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'an account''s balance moves only with a ledger entry, and starts at zero'
       USING ERRCODE = 'restrict_violation', CONSTRAINT = 'customer_credits_ledger_guard';
   END $$`,
  // pg_trigger_depth() = 0: the statement came from a client, not from ledger_record_entry().
  `CREATE TRIGGER customer_credits_ledger_guard BEFORE UPDATE OF current_balance, entry_count ON customer_credits FOR EACH ROW
     WHEN (pg_trigger_depth() = 0 AND (OLD.current_balance IS DISTINCT FROM NEW.current_balance OR OLD.entry_count IS DISTINCT FROM NEW.entry_count))
     EXECUTE FUNCTION customer_credits_ledger_guard()`,
  `CREATE TRIGGER customer_credits_starts_at_zero BEFORE INSERT ON customer_credits FOR EACH ROW
     WHEN (NEW.current_balance <> 0 OR NEW.entry_count <> 0) EXECUTE FUNCTION customer_credits_ledger_guard()`,
  `CREATE FUNCTION customer_credits_kept() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'accounts are never deleted: they hold a ledger' USING ERRCODE = 'restrict_violation', CONSTRAINT = 'customer_credits_kept';
   END $$`,
  `CREATE TRIGGER customer_credits_kept BEFORE DELETE ON customer_credits FOR EACH ROW EXECUTE FUNCTION customer_credits_kept()`,

  // -- 3. append-only, every column
  `CREATE OR REPLACE FUNCTION transactions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'customer_id') IS DISTINCT FROM (to_jsonb(OLD) - 'customer_id') THEN
       RAISE EXCEPTION 'ledger entries are append-only: never edited or deleted; correct a mistake with a further entry'
         USING ERRCODE = 'restrict_violation', CONSTRAINT = 'transactions_append_only';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE OR REPLACE FUNCTION payment_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'customer_id') IS DISTINCT FROM (to_jsonb(OLD) - 'customer_id') THEN
       RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'restrict_violation', CONSTRAINT = 'payment_events_append_only';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE OR REPLACE FUNCTION pending_payments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     decision text[] := ARRAY['status', 'approved_at', 'approved_by', 'rejected_at', 'rejected_by', 'rejection_reason', 'cancelled_at'];
   BEGIN
     IF TG_OP = 'DELETE' THEN
       RAISE EXCEPTION 'claims are never deleted' USING ERRCODE = 'restrict_violation', CONSTRAINT = 'pending_payments_guard';
     END IF;
     -- customer_id follows the account when the person claims it; nothing else changes but the decision, once.
     IF OLD.status <> 'pending' AND (to_jsonb(NEW) - 'customer_id') IS DISTINCT FROM (to_jsonb(OLD) - 'customer_id') THEN
       RAISE EXCEPTION 'payment % is % and can no longer change', OLD.transaction_id, OLD.status
         USING ERRCODE = 'restrict_violation', CONSTRAINT = 'pending_payments_guard';
     END IF;
     IF (to_jsonb(NEW) - 'customer_id' - decision) IS DISTINCT FROM (to_jsonb(OLD) - 'customer_id' - decision) THEN
       RAISE EXCEPTION 'a claim''s amount, owner and details never change; only its decision is recorded'
         USING ERRCODE = 'restrict_violation', CONSTRAINT = 'pending_payments_guard';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '% is never truncated', TG_TABLE_NAME USING ERRCODE = 'restrict_violation', CONSTRAINT = TG_TABLE_NAME || '_no_truncate';
   END $$`,
  ...['transactions', 'payment_events', 'pending_payments', 'customer_credits'].map(
    (table) => `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
  ),
];

export class LedgerIntegrity1795800000000 implements MigrationInterface {
  name = 'LedgerIntegrity1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['transactions', 'payment_events', 'pending_payments', 'customer_credits']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_truncate()`);
    await queryRunner.query(`DROP TRIGGER customer_credits_kept ON customer_credits`);
    await queryRunner.query(`DROP FUNCTION customer_credits_kept()`);
    await queryRunner.query(`DROP TRIGGER customer_credits_starts_at_zero ON customer_credits`);
    await queryRunner.query(`DROP TRIGGER customer_credits_ledger_guard ON customer_credits`);
    await queryRunner.query(`DROP FUNCTION customer_credits_ledger_guard()`);
    await queryRunner.query(`DROP TRIGGER transactions_record_entry ON transactions`);
    await queryRunner.query(`DROP FUNCTION ledger_record_entry()`);
    // The append-only functions keep their stricter bodies; the earlier migration's versions were looser.
    await queryRunner.query(`ALTER TABLE "payment_events" DROP CONSTRAINT "payment_events_account_fk"`);
    await queryRunner.query(`ALTER TABLE "payment_events" DROP CONSTRAINT "payment_events_payment_fk"`);
    await queryRunner.query(
      `ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_fk" FOREIGN KEY ("payment_id") REFERENCES "pending_payments"("transaction_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "payment_events" DROP COLUMN "account_id"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "transactions_original_pending_fk"`);
    await queryRunner.query(
      `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_original_pending_fk" FOREIGN KEY ("original_pending_id") REFERENCES "pending_payments"("transaction_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "pending_payments" DROP CONSTRAINT "pending_payments_account_key"`);
    for (const table of ['transactions', 'pending_payments']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_account_fk"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_account_fk" FOREIGN KEY ("account_id") REFERENCES "customer_credits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP CONSTRAINT "customer_credits_account_key"`);
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP CONSTRAINT "customer_credits_balance_range"`);
    await queryRunner.query(
      `ALTER TABLE "payment_stats" ALTER "pending_total" TYPE numeric(16,2), ALTER "receivable_total" TYPE numeric(18,2)`,
    );
    await queryRunner.query(`ALTER TABLE "payment_stats_daily" ALTER "approved_total" TYPE numeric(16,2)`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "transactions_account_entry_key"`);
    await queryRunner.query(
      `CREATE INDEX "transactions_business_account_created_idx" ON "transactions"("business_id", "account_id", "created_at", "id")`,
    );
    await queryRunner.query(`ALTER TABLE "transactions" DROP COLUMN "entry_no", DROP COLUMN "balance_after"`);
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP COLUMN "entry_count"`);
  }
}
