import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name a business knows a person by, kept on the account: it is what the shop typed when it added them (or the
 * customer's own name when they joined by the shop's code), and it stays when the person claims the account with
 * their own login and name. (Before, the shop's name for them was replaced by the name they typed.)
 */
export class AccountDisplayName1795820000000 implements MigrationInterface {
  name = 'AccountDisplayName1795820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_credits" ADD "display_name" character varying(100)`);
    await queryRunner.query(`UPDATE "customer_credits" a SET display_name = c.name FROM customers c WHERE c.id = a.customer_id`);
    await queryRunner.query(`ALTER TABLE "customer_credits" ALTER "display_name" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_credits" DROP COLUMN "display_name"`);
  }
}
