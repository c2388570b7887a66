import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guards against guessing and token theft that hold across restarts and API processes:
 * - `rate_limit_counters`: fixed-window counters of every rate limit (see `RateLimitService`). UNLOGGED: they are
 *   written on every guarded request and are worth no WAL; a PostgreSQL crash empties them (a clean restart
 *   keeps them), which at worst hands out one fresh window.
 * - `login_known_sources`, `login_failure_notices`: logins from a device or address that logged in before get a
 *   failure budget of their own, and the owner is told about failed attempts (see `LoginAttempts`).
 * - `refresh_token_families`: a login's refresh tokens end together, at an absolute time, and refresh, logout and
 *   reuse detection serialise on this row. Existing families get one, ending 60 days after their first token (or
 *   later, if a token of theirs already lives longer), revoked if any of their tokens was revoked.
 */
const UP = [
  `CREATE UNLOGGED TABLE "rate_limit_counters" ("key" character varying(200) NOT NULL, "hits" integer NOT NULL, "resets_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key"))`,
  `CREATE INDEX "rate_limit_counters_resets_idx" ON "rate_limit_counters" ("resets_at")`,
  `CREATE TABLE "login_known_sources" ("user_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "fingerprint" character varying(64) NOT NULL, "last_success_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "login_known_sources_kind_check" CHECK ("kind" IN ('device', 'address')), CONSTRAINT "login_known_sources_pkey" PRIMARY KEY ("user_id", "kind", "fingerprint"))`,
  `CREATE INDEX "login_known_sources_last_success_idx" ON "login_known_sources" ("last_success_at")`,
  `ALTER TABLE "login_known_sources" ADD CONSTRAINT "login_known_sources_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `CREATE TABLE "login_failure_notices" ("user_id" uuid NOT NULL, "attempts" integer NOT NULL, "first_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "login_failure_notices_pkey" PRIMARY KEY ("user_id"))`,
  `ALTER TABLE "login_failure_notices" ADD CONSTRAINT "login_failure_notices_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `CREATE TABLE "refresh_token_families" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "refresh_token_families_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "refresh_token_families_expires_idx" ON "refresh_token_families" ("expires_at")`,
  `CREATE INDEX "refresh_token_families_user_idx" ON "refresh_token_families" ("user_id")`,
  `ALTER TABLE "refresh_token_families" ADD CONSTRAINT "refresh_token_families_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `INSERT INTO "refresh_token_families" ("id", "user_id", "expires_at", "revoked_at", "created_at")
   SELECT family_id, (array_agg(user_id))[1], greatest(min(created_at) + interval '60 days', max(expires_at)), max(revoked_at), min(created_at)
     FROM "refresh_tokens" GROUP BY family_id`,
  `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_family_fk" FOREIGN KEY ("family_id") REFERENCES "refresh_token_families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `CREATE INDEX "refresh_tokens_expires_idx" ON "refresh_tokens" ("expires_at")`,
];

export class AbuseGuards1795860000000 implements MigrationInterface {
  name = 'AbuseGuards1795860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "refresh_tokens_expires_idx"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_family_fk"`);
    await queryRunner.query(`DROP TABLE "refresh_token_families"`);
    await queryRunner.query(`DROP TABLE "login_failure_notices"`);
    await queryRunner.query(`DROP TABLE "login_known_sources"`);
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
