import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims per endpoint. The relay's claim read every due delivery in time order and dropped those of endpoints with no
 * room left, so one endpoint's backlog (a slow receiver, a burst larger than the relay's window) made every claim, for
 * every business, cost as much as that backlog. The pending deliveries are now indexed by endpoint first: a claim
 * walks the endpoints that have pending deliveries and takes, from each with room, only the deliveries it has room
 * for, oldest first.
 */
export class WebhookClaims1795900000000 implements MigrationInterface {
  name = 'WebhookClaims1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "webhook_deliveries_due_idx"`);
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("endpoint_id", "next_attempt_at", "event_position") WHERE "status" = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "webhook_deliveries_due_idx"`);
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
  }
}
