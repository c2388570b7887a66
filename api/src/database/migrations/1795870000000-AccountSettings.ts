import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settings and getting back in (issue 10):
 * - `recovery_codes`: the SHA-256 of each one-time recovery code (salted with the user's id), shown to the user
 *   once; a code is deleted when used, and all of a user's codes when they make new ones.
 * - `users.closed_at`: a closed account keeps its row (the ledger's entries and decisions name its id) but loses
 *   its phone and password hash, so nobody logs in to it and the phone can register again (`users_closed_check`).
 * - `businesses.closed_at`: a closed shop keeps its books but has no join code (`businesses_closed_check`).
 */
const UP = [
  `CREATE TABLE "recovery_codes" ("user_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("user_id", "code_hash"))`,
  `ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "users" ADD "closed_at" TIMESTAMP WITH TIME ZONE`,
  `ALTER TABLE "users" ALTER COLUMN "phone" DROP NOT NULL`,
  `ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`,
  `ALTER TABLE "users" ADD CONSTRAINT "users_closed_check" CHECK (("closed_at" IS NULL) = ("phone" IS NOT NULL AND "password_hash" IS NOT NULL))`,
  `ALTER TABLE "businesses" ADD "closed_at" TIMESTAMP WITH TIME ZONE`,
  `ALTER TABLE "businesses" ALTER COLUMN "join_code" DROP NOT NULL`,
  `ALTER TABLE "businesses" ADD CONSTRAINT "businesses_closed_check" CHECK (("closed_at" IS NULL) = ("join_code" IS NOT NULL))`,
];

export class AccountSettings1795870000000 implements MigrationInterface {
  name = 'AccountSettings1795870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "businesses" DROP CONSTRAINT "businesses_closed_check"`);
    await queryRunner.query(`ALTER TABLE "businesses" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_closed_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "closed_at"`);
    await queryRunner.query(`DROP TABLE "recovery_codes"`);
    // Closed users and shops cannot get their phone, password or join code back: the NOT NULLs stay dropped.
  }
}
