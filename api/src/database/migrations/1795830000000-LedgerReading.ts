import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a shopkeeper reads in a ledger:
 * - `due_since` on an account: since when it has owed (its balance went above zero), cleared when it is settled or
 *   in advance; kept by the ledger trigger with the balance, and refused to anyone else like the balance. Customers
 *   sort by it ("oldest due") and by the amount owed (indexes for both).
 * - Corrections: an entry may be corrected, once, by a further entry linked to it (`corrects_entry_id`, in the same
 *   account); nothing is edited.
 */
const DUE_SINCE = `CASE WHEN current_balance + delta <= 0 THEN NULL WHEN current_balance <= 0 THEN now() ELSE due_since END`;

const UP = [
  `ALTER TABLE "customer_credits" ADD "due_since" TIMESTAMP WITH TIME ZONE`,
  // Since the last moment it did not owe: the first entry after the last one that left it at or below zero.
  `UPDATE customer_credits a SET due_since = d.since
     FROM (SELECT t.account_id, min(t.created_at) AS since
             FROM transactions t
             LEFT JOIN (SELECT account_id, max(entry_no) AS settled FROM transactions WHERE balance_after <= 0 GROUP BY account_id) s
               ON s.account_id = t.account_id
            WHERE t.entry_no > coalesce(s.settled, 0)
            GROUP BY t.account_id) d
    WHERE d.account_id = a.id AND a.current_balance > 0`,
  `CREATE INDEX "customer_credits_business_owed_idx" ON "customer_credits" ("business_id", "current_balance", "id") WHERE "merged_into" IS NULL`,
  `CREATE INDEX "customer_credits_business_due_idx" ON "customer_credits" ("business_id", "due_since", "id") WHERE "merged_into" IS NULL`,
  `CREATE OR REPLACE FUNCTION ledger_record_entry() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     merged uuid;
     delta numeric := CASE NEW.transaction_type WHEN 'credit' THEN NEW.amount ELSE -NEW.amount END;
   BEGIN
     UPDATE customer_credits
        SET current_balance = current_balance + delta,
            due_since = ${DUE_SINCE},
            entry_count = entry_count + 1,
            updated_at = now()
      WHERE id = NEW.account_id AND merged_into IS NULL
     RETURNING current_balance, entry_count INTO NEW.balance_after, NEW.entry_no;
     IF NOT FOUND THEN
       SELECT merged_into INTO merged FROM customer_credits WHERE id = NEW.account_id;
       IF merged IS NOT NULL THEN
         RAISE EXCEPTION 'account % was merged into %: it takes no new entry', NEW.account_id, merged
           USING ERRCODE = 'restrict_violation', CONSTRAINT = 'customer_credits_merged';
       END IF;
       RAISE EXCEPTION 'no account % for this ledger entry', NEW.account_id
         USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'transactions_account_fk';
     END IF;
     RETURN NEW;
   END $$`,
  `DROP TRIGGER customer_credits_ledger_guard ON customer_credits`,
  `CREATE TRIGGER customer_credits_ledger_guard BEFORE UPDATE OF current_balance, entry_count, due_since ON customer_credits FOR EACH ROW
     WHEN (pg_trigger_depth() = 0 AND (OLD.current_balance IS DISTINCT FROM NEW.current_balance OR OLD.entry_count IS DISTINCT FROM NEW.entry_count
           OR OLD.due_since IS DISTINCT FROM NEW.due_since))
     EXECUTE FUNCTION customer_credits_ledger_guard()`,
  `DROP TRIGGER customer_credits_starts_at_zero ON customer_credits`,
  `CREATE TRIGGER customer_credits_starts_at_zero BEFORE INSERT ON customer_credits FOR EACH ROW
     WHEN (NEW.current_balance <> 0 OR NEW.entry_count <> 0 OR NEW.due_since IS NOT NULL) EXECUTE FUNCTION customer_credits_ledger_guard()`,
  `ALTER TABLE "transactions" ADD "corrects_entry_id" uuid`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_entry_account_key" UNIQUE ("id", "account_id")`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_corrects_key" UNIQUE ("corrects_entry_id")`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_corrects_check" CHECK ("corrects_entry_id" <> "id")`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_corrects_fk" FOREIGN KEY ("corrects_entry_id", "account_id")
     REFERENCES "transactions"("id", "account_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `CREATE INDEX "transactions_business_payments_idx" ON "transactions" ("business_id", "created_at") WHERE "transaction_type" = 'payment'`,
];

export class LedgerReading1795830000000 implements MigrationInterface {
  name = 'LedgerReading1795830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "transactions_business_payments_idx"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "transactions_corrects_fk"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "transactions_corrects_check"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "transactions_corrects_key"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "transactions_entry_account_key"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP COLUMN "corrects_entry_id"`);
    await queryRunner.query(`DROP TRIGGER customer_credits_starts_at_zero ON customer_credits`);
    await queryRunner.query(`CREATE TRIGGER customer_credits_starts_at_zero BEFORE INSERT ON customer_credits FOR EACH ROW
      WHEN (NEW.current_balance <> 0 OR NEW.entry_count <> 0) EXECUTE FUNCTION customer_credits_ledger_guard()`);
    await queryRunner.query(`DROP TRIGGER customer_credits_ledger_guard ON customer_credits`);
    await queryRunner.query(`CREATE TRIGGER customer_credits_ledger_guard BEFORE UPDATE OF current_balance, entry_count ON customer_credits FOR EACH ROW
      WHEN (pg_trigger_depth() = 0 AND (OLD.current_balance IS DISTINCT FROM NEW.current_balance OR OLD.entry_count IS DISTINCT FROM NEW.entry_count))
      EXECUTE FUNCTION customer_credits_ledger_guard()`);
    await queryRunner.query(`DROP INDEX "customer_credits_business_due_idx"`);
    await queryRunner.query(`DROP INDEX "customer_credits_business_owed_idx"`);
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP COLUMN "due_since"`);
  }
}
