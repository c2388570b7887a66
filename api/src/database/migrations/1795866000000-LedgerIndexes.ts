import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger keeps only the indexes something reads. Every ledger entry (every approval among them) pays for each
 * index on `transactions`; these two are read by nothing now:
 * - `transactions_business_payments_idx` summed a month of payments for the dashboard, which now reads running
 *   totals (migration `Collections`);
 * - `transactions_customer_created_idx` served a customer's ledger by date, which both sides now read by the
 *   ledger's own key `transactions_account_entry_key` (business_id, account_id, entry_no).
 */
export class LedgerIndexes1795866000000 implements MigrationInterface {
  name = 'LedgerIndexes1795866000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "transactions_business_payments_idx"`);
    await queryRunner.query(`DROP INDEX "transactions_customer_created_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "transactions_customer_created_idx" ON "transactions" ("customer_id", "created_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "transactions_business_payments_idx" ON "transactions" ("business_id", "created_at") WHERE "transaction_type" = 'payment'`,
    );
  }
}
