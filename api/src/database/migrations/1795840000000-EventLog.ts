import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log (an outbox) that live events read from, in place of a NOTIFY per audit row.
 *
 * - Every audit event inserted into `payment_events` gets an `event_log` row in the same transaction (a statement
 *   trigger), with `position` NULL: nothing on the writer's path takes a cluster-wide lock.
 * - The sequencer (api/src/events/events.service.ts) later gives committed rows their positions, one run at a
 *   time; `position` is the SSE `id` and what `Last-Event-ID` refers to.
 * - The existing audit events are copied with `position` = their id, so a `Last-Event-ID` handed out before this
 *   migration (it was the audit event's id) keeps its meaning.
 * - An audit event re-linked to the customer who claimed an invited account is re-linked here too.
 * - The per-row NOTIFY trigger of `payment_events` goes: it serialised every committing approval.
 */
const UP = [
  `CREATE TABLE "event_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "position" bigint, "type" character varying(32) NOT NULL, "business_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "payment_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_log_position_key" UNIQUE ("position"), CONSTRAINT "event_log_pkey" PRIMARY KEY ("id"))`,
  `CREATE INDEX "event_log_unsequenced_idx" ON "event_log" ("id") WHERE "position" IS NULL`,
  `CREATE INDEX "event_log_business_idx" ON "event_log" ("business_id", "position")`,
  `CREATE INDEX "event_log_customer_idx" ON "event_log" ("customer_id", "position")`,
  `CREATE INDEX "event_log_payment_idx" ON "event_log" ("payment_id")`,
  `CREATE FUNCTION event_log_type(audit_type text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
     $$ SELECT CASE audit_type WHEN 'submitted' THEN 'payment.created' ELSE 'payment.' || audit_type END $$`,
  `CREATE FUNCTION event_log_on_payment_events() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO event_log (type, business_id, customer_id, payment_id, at)
     SELECT event_log_type(n.type), n.business_id, n.customer_id, n.payment_id, n.at FROM inserted n ORDER BY n.id;
     RETURN NULL;
   END $$`,
  // Created before the copy below: it waits for writers in flight and holds new ones until this commits.
  `CREATE TRIGGER event_log_on_payment_events AFTER INSERT ON payment_events
     REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION event_log_on_payment_events()`,
  `INSERT INTO event_log (position, type, business_id, customer_id, payment_id, at)
   SELECT id, event_log_type(type), business_id, customer_id, payment_id, at FROM payment_events ORDER BY id`,
  `CREATE FUNCTION event_log_relink() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE event_log e SET customer_id = n.customer_id
       FROM (SELECT DISTINCT payment_id, customer_id FROM changed) n
      WHERE e.payment_id = n.payment_id AND e.customer_id <> n.customer_id;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER event_log_relink AFTER UPDATE ON payment_events
     REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION event_log_relink()`,
  `DROP TRIGGER payment_events_notify ON payment_events`,
  `DROP FUNCTION payment_events_notify()`,
];

export class EventLog1795840000000 implements MigrationInterface {
  name = 'EventLog1795840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION payment_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('payment_events', NEW.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER payment_events_notify AFTER INSERT ON payment_events FOR EACH ROW EXECUTE FUNCTION payment_events_notify()`,
    );
    await queryRunner.query(`DROP TRIGGER event_log_relink ON payment_events`);
    await queryRunner.query(`DROP FUNCTION event_log_relink()`);
    await queryRunner.query(`DROP TRIGGER event_log_on_payment_events ON payment_events`);
    await queryRunner.query(`DROP FUNCTION event_log_on_payment_events()`);
    await queryRunner.query(`DROP FUNCTION event_log_type(text)`);
    await queryRunner.query(`DROP TABLE "event_log"`);
  }
}
