import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/migrate';
import { pendingSchemaChanges } from '../src/database/schema-diff';
import { linkedPair, pendingClaim } from './support/actors';
import { createTestDatabase } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

const TIMEOUTS = { connect: 5000, statement: 60000, idleInTransaction: 60000 };

describe('the schema', () => {
  it('a fresh database migrated to head leaves nothing for migration:generate', async () => {
    const database = await createTestDatabase();
    const source = new DataSource(dataSourceOptions({ databaseUrl: database.url, databasePoolSize: 2, databaseTimeouts: TIMEOUTS }));
    await source.initialize();
    try {
      // The template is already at head; migrating again is a no-op, and so is the diff.
      expect(await runMigrations(source, database.url, false)).toEqual([]);
      expect(await pendingSchemaChanges(source)).toEqual({ up: [], down: [] });
    } finally {
      await source.destroy();
      await database.drop();
    }
  });

  it('several instances migrating an empty database at once apply each migration once', async () => {
    const database = await createTestDatabase();
    const { admin } = await import('./support/test-database');
    const empty = `${database.name}_e`;
    await admin((c) => c.query(`CREATE DATABASE ${empty}`));
    const url = database.url.replace(database.name, empty);
    const sources = [0, 1, 2].map(
      () => new DataSource(dataSourceOptions({ databaseUrl: url, databasePoolSize: 2, databaseTimeouts: TIMEOUTS })),
    );
    try {
      await Promise.all(sources.map((s) => s.initialize()));
      const applied = await Promise.all(sources.map((s) => runMigrations(s, url, false)));
      expect(applied.flat()).toHaveLength(sources[0].migrations.length);
      expect(await pendingSchemaChanges(sources[0])).toEqual({ up: [], down: [] });
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`));
      await database.drop();
    }
  });

  describe('constraints the database keeps by itself', () => {
    let t: TestApp;
    let ids: { business: string; customer: string; account: string; payment: string; user: string };
    beforeAll(async () => {
      t = await startTestApp();
      const { business, customer, accountId } = await linkedPair(t, '100');
      const payment = await pendingClaim(t, customer, business.businessId, '10');
      ids = { business: business.businessId, customer: customer.customerId, account: accountId, payment, user: business.userId };
    });
    afterAll(() => t.close());

    const refuses = (sql: string, params: unknown[] = []) => expect(t.db.query(sql, params)).rejects.toThrow();

    it('amounts are positive', async () => {
      await refuses(
        `INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, created_by) VALUES ($1, $2, $3, 0, 'credit', $4)`,
        [ids.business, ids.customer, ids.account, ids.user],
      );
      await refuses(`INSERT INTO pending_payments (business_id, customer_id, account_id, amount) VALUES ($1, $2, $3, -5)`, [
        ids.business,
        ids.customer,
        ids.account,
      ]);
    });

    it('statuses and transaction types are from their lists, with the fields their status needs', async () => {
      await refuses(`UPDATE pending_payments SET status = 'paid' WHERE transaction_id = $1`, [ids.payment]);
      await refuses(`UPDATE pending_payments SET status = 'approved' WHERE transaction_id = $1`, [ids.payment]);
      await refuses(`UPDATE pending_payments SET status = 'rejected', rejected_at = now(), rejected_by = $2 WHERE transaction_id = $1`, [
        ids.payment,
        ids.user,
      ]);
    });

    it('one account per business and customer; one ledger entry per payment', async () => {
      await refuses(`INSERT INTO customer_credits (business_id, customer_id) VALUES ($1, $2)`, [ids.business, ids.customer]);
      const entry = `INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, created_by, original_pending_id) VALUES ($1, $2, $3, 10, 'payment', $4, $5)`;
      await t.db.query(entry, [ids.business, ids.customer, ids.account, ids.user, ids.payment]);
      await refuses(entry, [ids.business, ids.customer, ids.account, ids.user, ids.payment]);
    });

    it('terminal payments never change, and nothing is deleted', async () => {
      const payment = randomUUID();
      await t.db.query(
        `INSERT INTO pending_payments (transaction_id, business_id, customer_id, account_id, amount) VALUES ($1, $2, $3, $4, 5)`,
        [payment, ids.business, ids.customer, ids.account],
      );
      await t.db.query(`UPDATE pending_payments SET status = 'cancelled', cancelled_at = now() WHERE transaction_id = $1`, [payment]);
      await refuses(`UPDATE pending_payments SET status = 'pending', cancelled_at = NULL WHERE transaction_id = $1`, [payment]);
      await refuses(`UPDATE pending_payments SET notes = 'edited' WHERE transaction_id = $1`, [payment]);
      await refuses(`DELETE FROM pending_payments WHERE transaction_id = $1`, [payment]);
    });

    it('the ledger is append-only', async () => {
      await refuses(`UPDATE transactions SET amount = amount + 1 WHERE account_id = $1`, [ids.account]);
      await refuses(`DELETE FROM transactions WHERE account_id = $1`, [ids.account]);
      await refuses(`DELETE FROM payment_events`);
    });

    it('a UTR is 12 digits', async () => {
      await refuses(`INSERT INTO pending_payments (business_id, customer_id, account_id, amount, utr) VALUES ($1, $2, $3, 5, '12ab')`, [
        ids.business,
        ids.customer,
        ids.account,
      ]);
    });
  });
});
