import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (Standard Webhooks): endpoints, deliveries and their attempts, and the webhooks consumer's position in
 * the event log.
 *
 * - The event log carries ledger entries too (`transaction.created`): an entry recorded by hand (a credit, a cash
 *   payment, a correction, a merge) gets a row from a row trigger that fires only for entries without a claim (a
 *   `WHEN` clause: the approval's insert never calls it); the approval's own entry gets its row from the trigger
 *   that already runs for the approval's audit event (a second row beside `payment.approved`, same payment). Both
 *   only insert: nothing on a writer's path is shared between transactions.
 * - `event_consumers` keeps each consumer's position (the live stream keeps its own in memory); the webhooks relay
 *   fans the entries after its position out into per-endpoint deliveries and moves the position in one transaction.
 */
const UP = [
  `ALTER TABLE "event_log" ALTER COLUMN "payment_id" DROP NOT NULL`,
  `ALTER TABLE "event_log" ADD "transaction_id" uuid`,
  `ALTER TABLE "event_log" ADD CONSTRAINT "event_log_subject_check" CHECK ("payment_id" IS NOT NULL OR "transaction_id" IS NOT NULL)`,
  `CREATE OR REPLACE FUNCTION event_log_on_payment_events() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO event_log (type, business_id, customer_id, payment_id, at)
     SELECT e.type, n.business_id, n.customer_id, n.payment_id, n.at
       FROM inserted n
       CROSS JOIN LATERAL (VALUES (event_log_type(n.type), 1), ('transaction.created', 2)) e(type, k)
      WHERE e.k = 1 OR n.type = 'approved'
      ORDER BY n.id, e.k;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION event_log_on_recorded_entry() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO event_log (type, business_id, customer_id, transaction_id, at)
     VALUES ('transaction.created', NEW.business_id, NEW.customer_id, NEW.id, NEW.created_at);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER event_log_on_recorded_entry AFTER INSERT ON transactions FOR EACH ROW
     WHEN (NEW.original_pending_id IS NULL) EXECUTE FUNCTION event_log_on_recorded_entry()`,
  `CREATE TABLE "event_consumers" ("name" character varying(32) NOT NULL, "position" bigint NOT NULL, CONSTRAINT "event_consumers_pkey" PRIMARY KEY ("name"))`,
  `INSERT INTO "event_consumers" ("name", "position") SELECT 'webhooks', coalesce(max(position), 0) FROM event_log`,
  `CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "url" character varying(2048) NOT NULL, "events" character varying(32) array NOT NULL, "secret" character varying(100) NOT NULL, "previous_secret" character varying(100), "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" character varying(200), "failing_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_endpoints_events_check" CHECK (cardinality("events") BETWEEN 1 AND 16), CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "webhook_endpoints_business_idx" ON "webhook_endpoints" ("business_id", "created_at")`,
  `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_business_fk" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "business_id" uuid NOT NULL, "message_id" character varying(40) NOT NULL, "event_type" character varying(32) NOT NULL, "event_position" bigint, "order_key" uuid, "body" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lease_token" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_deliveries_message_id_key" UNIQUE ("message_id"), CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`,
  `CREATE INDEX "webhook_deliveries_order_idx" ON "webhook_deliveries" ("endpoint_id", "order_key", "event_position") WHERE "status" = 'pending'`,
  `CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" ("endpoint_id", "created_at", "id")`,
  `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_fk" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `CREATE TABLE "webhook_attempts" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "delivery_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_code" integer, "latency_ms" integer NOT NULL, "error" character varying(500), "response_body" text, CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" ("delivery_id", "id")`,
  `ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_fk" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
];

export class Webhooks1795890000000 implements MigrationInterface {
  name = 'Webhooks1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_attempts"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP TABLE "event_consumers"`);
    await queryRunner.query(`DROP TRIGGER event_log_on_recorded_entry ON transactions`);
    await queryRunner.query(`DROP FUNCTION event_log_on_recorded_entry()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION event_log_on_payment_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO event_log (type, business_id, customer_id, payment_id, at)
        SELECT event_log_type(n.type), n.business_id, n.customer_id, n.payment_id, n.at FROM inserted n ORDER BY n.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`DELETE FROM event_log WHERE type = 'transaction.created'`);
    await queryRunner.query(`ALTER TABLE "event_log" DROP CONSTRAINT "event_log_subject_check"`);
    await queryRunner.query(`ALTER TABLE "event_log" DROP COLUMN "transaction_id"`);
    await queryRunner.query(`ALTER TABLE "event_log" ALTER COLUMN "payment_id" SET NOT NULL`);
  }
}
