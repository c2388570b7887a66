import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys of a business (`ApiKey`): the SHA-256 of each secret (unique: the key is looked up by it on every
 * request), its scopes (at least one, each a known scope), last use and revocation.
 */
const UP = [
  `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "created_by" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character varying(64) NOT NULL, "scopes" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_keys_secret_hash_key" UNIQUE ("secret_hash"), CONSTRAINT "api_keys_scopes_check" CHECK (cardinality("scopes") >= 1 AND "scopes" <@ ARRAY['payments:read', 'payments:decide', 'accounts:read', 'accounts:write', 'webhooks:manage']::text[]), CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "api_keys_business_created_idx" ON "api_keys" ("business_id", "created_at", "id")`,
  `ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_business_fk" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
];

export class ApiKeys1795880000000 implements MigrationInterface {
  name = 'ApiKeys1795880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
