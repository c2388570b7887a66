import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live updates across API processes: every audit event is announced on the `payment_events` channel with its id.
 * PostgreSQL delivers notifications at commit, in commit order, and never for a rolled-back transaction.
 */
export class PaymentEventsNotify1795780000000 implements MigrationInterface {
  name = 'PaymentEventsNotify1795780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION payment_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('payment_events', NEW.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER payment_events_notify AFTER INSERT ON payment_events FOR EACH ROW EXECUTE FUNCTION payment_events_notify()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER payment_events_notify ON payment_events`);
    await queryRunner.query(`DROP FUNCTION payment_events_notify()`);
  }
}
