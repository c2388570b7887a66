import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables of the product. Generated from the entities, then reviewed; what entities cannot say follows. */
const TABLES = [
  `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "role" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "phone" character varying(13) NOT NULL, "password_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_phone_key" UNIQUE ("phone"), CONSTRAINT "users_role_check" CHECK ("role" IN ('business', 'customer')), CONSTRAINT "users_pkey" PRIMARY KEY ("id"))`,
  `CREATE TABLE "businesses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "upi_id" character varying(100) NOT NULL, "join_code" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "businesses_join_code_key" UNIQUE ("join_code"), CONSTRAINT "businesses_owner_user_id_key" UNIQUE ("owner_user_id"), CONSTRAINT "businesses_pkey" PRIMARY KEY ("id"))`,
  `CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "name" character varying(100) NOT NULL, "phone" character varying(13) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "customers_user_id_key" UNIQUE ("user_id"), CONSTRAINT "customers_pkey" PRIMARY KEY ("id"))`,
  `CREATE TABLE "customer_credits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "current_balance" numeric(14,2) NOT NULL DEFAULT '0', "invite_code" character varying(16), "claimed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "customer_credits_business_customer_key" UNIQUE ("business_id", "customer_id"), CONSTRAINT "customer_credits_invite_code_key" UNIQUE ("invite_code"), CONSTRAINT "customer_credits_invite_code_check" CHECK ("invite_code" IS NULL OR "claimed_at" IS NULL), CONSTRAINT "customer_credits_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "customer_credits_customer_created_idx" ON "customer_credits"("customer_id", "created_at", "id")`,
  `CREATE INDEX "customer_credits_business_created_idx" ON "customer_credits"("business_id", "created_at", "id")`,
  `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "refresh_tokens_token_hash_key" UNIQUE ("token_hash"), CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens"("user_id")`,
  `CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens"("family_id")`,
  `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(255) NOT NULL, "fingerprint" character varying(64) NOT NULL, "status_code" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key"))`,
  `CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys"("created_at")`,
  `CREATE TABLE "pending_payments" ("transaction_id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "account_id" uuid NOT NULL, "amount" numeric(10,2) NOT NULL, "payment_method" character varying(50) NOT NULL DEFAULT 'PhonePe', "notes" text, "status" character varying(20) NOT NULL DEFAULT 'pending', "utr" character varying(12), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by" uuid, "rejected_at" TIMESTAMP WITH TIME ZONE, "rejected_by" uuid, "rejection_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "metadata" jsonb, CONSTRAINT "pending_payments_decision_check" CHECK (("status" = 'pending' AND "approved_at" IS NULL AND "rejected_at" IS NULL AND "cancelled_at" IS NULL)
   OR ("status" = 'approved' AND "approved_at" IS NOT NULL AND "approved_by" IS NOT NULL)
   OR ("status" = 'rejected' AND "rejected_at" IS NOT NULL AND "rejected_by" IS NOT NULL AND "rejection_reason" IS NOT NULL)
   OR ("status" = 'cancelled' AND "cancelled_at" IS NOT NULL)), CONSTRAINT "pending_payments_utr_check" CHECK ("utr" ~ '^[0-9]{12}$'), CONSTRAINT "pending_payments_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected', 'cancelled')), CONSTRAINT "pending_payments_amount_check" CHECK ("amount" > 0), CONSTRAINT "pending_payments_pkey" PRIMARY KEY ("transaction_id"))`,
  `CREATE UNIQUE INDEX "pending_payments_business_utr_key" ON "pending_payments"("business_id", "utr") WHERE "utr" IS NOT NULL AND "status" IN ('pending', 'approved')`,
  `CREATE INDEX "pending_payments_business_approved_idx" ON "pending_payments"("business_id", "approved_at") WHERE "status" = 'approved'`,
  `CREATE INDEX "pending_payments_account_pending_idx" ON "pending_payments"("account_id") WHERE "status" = 'pending'`,
  `CREATE INDEX "pending_payments_customer_created_idx" ON "pending_payments"("customer_id", "created_at", "transaction_id")`,
  `CREATE INDEX "pending_payments_business_created_idx" ON "pending_payments"("business_id", "created_at", "transaction_id")`,
  `CREATE INDEX "pending_payments_business_status_created_idx" ON "pending_payments"("business_id", "status", "created_at", "transaction_id")`,
  `CREATE TABLE "payment_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "payment_id" uuid NOT NULL, "business_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "from_status" character varying(20), "to_status" character varying(20) NOT NULL, "actor_id" uuid, "actor_role" character varying(16) NOT NULL, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "payment_events_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "payment_events_customer_idx" ON "payment_events"("customer_id", "id")`,
  `CREATE INDEX "payment_events_business_idx" ON "payment_events"("business_id", "id")`,
  `CREATE INDEX "payment_events_payment_idx" ON "payment_events"("payment_id", "id")`,
  `CREATE TABLE "transactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "account_id" uuid NOT NULL, "amount" numeric(10,2) NOT NULL, "transaction_type" character varying(16) NOT NULL, "notes" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "payment_method" character varying(50) NOT NULL DEFAULT 'manual', "approved_at" TIMESTAMP WITH TIME ZONE, "original_pending_id" uuid, CONSTRAINT "transactions_original_pending_id_key" UNIQUE ("original_pending_id"), CONSTRAINT "transactions_type_check" CHECK ("transaction_type" IN ('credit', 'payment')), CONSTRAINT "transactions_amount_check" CHECK ("amount" > 0), CONSTRAINT "transactions_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "transactions_customer_created_idx" ON "transactions"("customer_id", "created_at", "id")`,
  `CREATE INDEX "transactions_business_account_created_idx" ON "transactions"("business_id", "account_id", "created_at", "id")`,
  `ALTER TABLE "businesses" ADD CONSTRAINT "businesses_owner_fk" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "customers" ADD CONSTRAINT "customers_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_business_fk" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_customer_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "pending_payments" ADD CONSTRAINT "pending_payments_account_fk" FOREIGN KEY ("account_id") REFERENCES "customer_credits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_fk" FOREIGN KEY ("payment_id") REFERENCES "pending_payments"("transaction_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_account_fk" FOREIGN KEY ("account_id") REFERENCES "customer_credits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
  `ALTER TABLE "transactions" ADD CONSTRAINT "transactions_original_pending_fk" FOREIGN KEY ("original_pending_id") REFERENCES "pending_payments"("transaction_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
];

/**
 * Rules the database itself keeps, whatever the application does:
 * - a payment in a terminal status (approved, rejected, cancelled) never changes again (but for the re-link
 *   of its customer when an invited person claims the account);
 * - the ledger is append-only: amounts, types, accounts and sources of entries never change, nothing is deleted;
 * - pending payments and their audit trail are never deleted.
 */
const GUARDS = [
  `CREATE FUNCTION pending_payments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' THEN
       RAISE EXCEPTION 'pending_payments rows are never deleted' USING ERRCODE = 'restrict_violation';
     END IF;
     -- A claimed invite re-links the account's rows to the person's own customer; nothing else may change.
     IF OLD.status <> 'pending' AND to_jsonb(NEW) - 'customer_id' IS DISTINCT FROM to_jsonb(OLD) - 'customer_id' THEN
       RAISE EXCEPTION 'payment % is % and can no longer change', OLD.transaction_id, OLD.status USING ERRCODE = 'restrict_violation';
     END IF;
     IF NEW.amount <> OLD.amount OR NEW.business_id <> OLD.business_id OR NEW.account_id <> OLD.account_id THEN
       RAISE EXCEPTION 'the amount and owner of a payment never change' USING ERRCODE = 'restrict_violation';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER pending_payments_guard BEFORE UPDATE OR DELETE ON pending_payments FOR EACH ROW EXECUTE FUNCTION pending_payments_guard()`,
  `CREATE FUNCTION transactions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' THEN
       RAISE EXCEPTION 'ledger entries are never deleted' USING ERRCODE = 'restrict_violation';
     END IF;
     IF NEW.amount <> OLD.amount OR NEW.transaction_type <> OLD.transaction_type OR NEW.account_id <> OLD.account_id
        OR NEW.business_id <> OLD.business_id OR NEW.original_pending_id IS DISTINCT FROM OLD.original_pending_id
        OR NEW.created_at <> OLD.created_at THEN
       RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = 'restrict_violation';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER transactions_append_only BEFORE UPDATE OR DELETE ON transactions FOR EACH ROW EXECUTE FUNCTION transactions_append_only()`,
  `CREATE FUNCTION payment_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' OR NEW.type <> OLD.type OR NEW.payment_id <> OLD.payment_id OR NEW.at <> OLD.at THEN
       RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'restrict_violation';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER payment_events_append_only BEFORE UPDATE OR DELETE ON payment_events FOR EACH ROW EXECUTE FUNCTION payment_events_append_only()`,
];

export class Initial1795778358422 implements MigrationInterface {
  name = 'Initial1795778358422';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [...TABLES, ...GUARDS]) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'payment_events',
      'transactions',
      'pending_payments',
      'idempotency_keys',
      'refresh_tokens',
      'customer_credits',
      'customers',
      'businesses',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}" CASCADE`);
    }
    for (const fn of ['pending_payments_guard', 'transactions_append_only', 'payment_events_append_only']) {
      await queryRunner.query(`DROP FUNCTION ${fn}()`);
    }
  }
}
