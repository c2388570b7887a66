import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two accounts of one person at one shop (the shop added them, and they also joined with the shop's join code)
 * become one. Nothing is edited or deleted: the merged account's balance moves to the other by a pair of ledger
 * entries (method `merge`), and the merged account stays, at zero, pointing to the one it went into
 * (`merged_into`), with its history. A merged account takes no new entry and never comes back. Only active
 * (unmerged) accounts are one per business and customer. `account_merges` is the audit trail of merges.
 */
const UP = [
  `ALTER TABLE "customer_credits" ADD "merged_into" uuid, ADD "merged_at" TIMESTAMP WITH TIME ZONE`,
  `ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_merged_into_fk" FOREIGN KEY ("merged_into") REFERENCES "customer_credits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_merge_check" CHECK (("merged_into" IS NULL) = ("merged_at" IS NULL)
     AND ("merged_into" IS NULL OR ("merged_into" <> "id" AND "current_balance" = 0 AND "invite_code" IS NULL)))`,
  `ALTER TABLE "customer_credits" DROP CONSTRAINT "customer_credits_business_customer_key"`,
  `CREATE UNIQUE INDEX "customer_credits_business_customer_key" ON "customer_credits" ("business_id", "customer_id") WHERE "merged_into" IS NULL`,
  `CREATE TABLE "account_merges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "into_account_id" uuid NOT NULL,
     "from_account_id" uuid NOT NULL, "moved_balance" numeric(14,2) NOT NULL, "actor_id" uuid NOT NULL, "actor_role" character varying(16) NOT NULL,
     "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
     CONSTRAINT "account_merges_from_account_key" UNIQUE ("from_account_id"),
     CONSTRAINT "account_merges_actor_role_check" CHECK ("actor_role" IN ('business', 'customer')),
     CONSTRAINT "account_merges_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "account_merges_business_into_idx" ON "account_merges" ("business_id", "into_account_id")`,
  `ALTER TABLE "account_merges" ADD CONSTRAINT "account_merges_into_fk" FOREIGN KEY ("into_account_id") REFERENCES "customer_credits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "account_merges" ADD CONSTRAINT "account_merges_from_fk" FOREIGN KEY ("from_account_id") REFERENCES "customer_credits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  // A merged account is closed: no new entry (its history stays), and it is never merged again or un-merged.
  `CREATE OR REPLACE FUNCTION ledger_record_entry() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     merged uuid;
   BEGIN
     UPDATE customer_credits
        SET current_balance = current_balance + CASE NEW.transaction_type WHEN 'credit' THEN NEW.amount ELSE -NEW.amount END,
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
  `CREATE FUNCTION customer_credits_merged() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'account % was merged into %: that never changes', OLD.id, OLD.merged_into
       USING ERRCODE = 'restrict_violation', CONSTRAINT = 'customer_credits_merged';
   END $$`,
  `CREATE TRIGGER customer_credits_merged BEFORE UPDATE OF merged_into, merged_at ON customer_credits FOR EACH ROW
     WHEN (OLD.merged_into IS NOT NULL AND (NEW.merged_into IS DISTINCT FROM OLD.merged_into OR NEW.merged_at IS DISTINCT FROM OLD.merged_at))
     EXECUTE FUNCTION customer_credits_merged()`,
];

export class AccountMerges1795810000000 implements MigrationInterface {
  name = 'AccountMerges1795810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER customer_credits_merged ON customer_credits`);
    await queryRunner.query(`DROP FUNCTION customer_credits_merged()`);
    await queryRunner.query(`DROP TABLE "account_merges"`);
    await queryRunner.query(`DROP INDEX "customer_credits_business_customer_key"`);
    await queryRunner.query(
      `ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_business_customer_key" UNIQUE ("business_id", "customer_id")`,
    );
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP CONSTRAINT "customer_credits_merge_check"`);
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP CONSTRAINT "customer_credits_merged_into_fk"`);
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP COLUMN "merged_into", DROP COLUMN "merged_at"`);
  }
}
