import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/migrate';
import { pendingSchemaChanges } from '../src/database/schema-diff';
import { linkedPair, pendingClaim, registerCustomer } from './support/actors';
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
    let other: { business: string; customer: string; account: string; payment: string };
    beforeAll(async () => {
      t = await startTestApp();
      const { business, customer, accountId } = await linkedPair(t, '100');
      const payment = await pendingClaim(t, customer, business.businessId, '10');
      ids = { business: business.businessId, customer: customer.customerId, account: accountId, payment, user: business.userId };
      const second = await linkedPair(t, '50');
      other = {
        business: second.business.businessId,
        customer: second.customer.customerId,
        account: second.accountId,
        payment: await pendingClaim(t, second.customer, second.business.businessId, '5'),
      };
    });
    afterAll(() => t.close());

    /** The statement fails with this SQLSTATE, refused by this constraint (or trigger raising with its name). */
    async function refusedBy(sql: string, params: unknown[], sqlState: string, constraint: string | string[]) {
      const error = await t.db.query(sql, params).then(
        () => null,
        (e: { code?: string; constraint?: string; message: string }) => e,
      );
      expect(error).not.toBeNull();
      const allowed = typeof constraint === 'string' ? [constraint] : constraint;
      expect({ sqlState: error!.code, constraint: allowed.includes(error!.constraint!) ? allowed : error!.constraint }).toEqual({
        sqlState,
        constraint: allowed,
      });
    }
    const CHECK = '23514';
    const UNIQUE = '23505';
    const FOREIGN_KEY = '23503';
    const RESTRICT = '23001';
    const entry = (over: Record<string, unknown> = {}) => {
      const row = {
        business_id: ids.business,
        customer_id: ids.customer,
        account_id: ids.account,
        amount: 10,
        transaction_type: 'credit',
        created_by: ids.user,
        ...over,
      };
      const columns = Object.keys(row);
      return {
        sql: `INSERT INTO transactions (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
        params: Object.values(row),
      };
    };

    it('amounts are positive', async () => {
      const zero = entry({ amount: 0 });
      await refusedBy(zero.sql, zero.params, CHECK, 'transactions_amount_check');
      await refusedBy(
        `INSERT INTO pending_payments (business_id, customer_id, account_id, amount) VALUES ($1, $2, $3, -5)`,
        [ids.business, ids.customer, ids.account],
        CHECK,
        'pending_payments_amount_check',
      );
    });

    it('statuses are from their list, and a claim carries exactly the fields of its status', async () => {
      // (an unknown status breaks both checks on it; PostgreSQL reports whichever it tests first)
      await refusedBy(`UPDATE pending_payments SET status = 'paid' WHERE transaction_id = $1`, [ids.payment], CHECK, [
        'pending_payments_status_check',
        'pending_payments_decision_check',
      ]);
      await refusedBy(
        `UPDATE pending_payments SET status = 'approved' WHERE transaction_id = $1`,
        [ids.payment],
        CHECK,
        'pending_payments_decision_check',
      );
      await refusedBy(
        `UPDATE pending_payments SET status = 'rejected', rejected_at = now(), rejected_by = $2 WHERE transaction_id = $1`,
        [ids.payment, ids.user],
        CHECK,
        'pending_payments_decision_check',
      );
      // an approved claim cannot also carry a rejection
      await refusedBy(
        `UPDATE pending_payments SET status = 'approved', approved_at = now(), approved_by = $2, rejected_at = now() WHERE transaction_id = $1`,
        [ids.payment, ids.user],
        CHECK,
        'pending_payments_decision_check',
      );
      await refusedBy(
        `UPDATE pending_payments SET status = 'cancelled', cancelled_at = now(), rejection_reason = 'x' WHERE transaction_id = $1`,
        [ids.payment],
        CHECK,
        'pending_payments_decision_check',
      );
      const type = entry({ transaction_type: 'gift' });
      await refusedBy(type.sql, type.params, CHECK, 'transactions_type_check');
    });

    it('one account per business and customer; one ledger entry per payment', async () => {
      await refusedBy(
        `INSERT INTO customer_credits (business_id, customer_id, display_name) VALUES ($1, $2, 'Twice')`,
        [ids.business, ids.customer],
        UNIQUE,
        'customer_credits_business_customer_key',
      );
      const fromClaim = entry({ transaction_type: 'payment', original_pending_id: ids.payment });
      await t.db.query(fromClaim.sql, fromClaim.params);
      await refusedBy(fromClaim.sql, fromClaim.params, UNIQUE, 'transactions_original_pending_id_key');
    });

    it("claims, entries and events belong to their account's business and customer", async () => {
      const wrongBusiness = entry({ business_id: other.business });
      await refusedBy(wrongBusiness.sql, wrongBusiness.params, FOREIGN_KEY, 'transactions_account_fk');
      const wrongCustomer = entry({ customer_id: other.customer });
      await refusedBy(wrongCustomer.sql, wrongCustomer.params, FOREIGN_KEY, 'transactions_account_fk');
      await refusedBy(
        `INSERT INTO pending_payments (business_id, customer_id, account_id, amount) VALUES ($1, $2, $3, 5)`,
        [ids.business, other.customer, ids.account],
        FOREIGN_KEY,
        'pending_payments_account_fk',
      );
      // an entry made from a claim is in that claim's account
      const elsewhere = entry({ transaction_type: 'payment', original_pending_id: other.payment });
      await refusedBy(elsewhere.sql, elsewhere.params, FOREIGN_KEY, 'transactions_original_pending_fk');
      const event = `INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, to_status, actor_role)
                     VALUES ($1, $2, $3, $4, 'submitted', 'pending', 'customer')`;
      await refusedBy(event, [ids.payment, ids.account, ids.business, other.customer], FOREIGN_KEY, 'payment_events_account_fk');
      await refusedBy(event, [other.payment, ids.account, ids.business, ids.customer], FOREIGN_KEY, 'payment_events_payment_fk');
    });

    it('the balance moves only with a ledger entry, which records its number and the balance after it', async () => {
      const before = (await t.db.query(`SELECT current_balance, entry_count FROM customer_credits WHERE id = $1`, [other.account])).rows[0];
      const credit = entry({ business_id: other.business, customer_id: other.customer, account_id: other.account, amount: '12.50' });
      const { rows } = await t.db.query(credit.sql, credit.params);
      expect(rows[0]).toMatchObject({
        entry_no: before.entry_count + 1,
        balance_after: (Number(before.current_balance) + 12.5).toFixed(2),
      });
      const after = (await t.db.query(`SELECT current_balance FROM customer_credits WHERE id = $1`, [other.account])).rows[0];
      expect(after.current_balance).toBe(rows[0].balance_after);
      await refusedBy(
        `UPDATE customer_credits SET current_balance = current_balance + 1 WHERE id = $1`,
        [ids.account],
        RESTRICT,
        'customer_credits_ledger_guard',
      );
      await refusedBy(
        `UPDATE customer_credits SET entry_count = 0 WHERE id = $1`,
        [ids.account],
        RESTRICT,
        'customer_credits_ledger_guard',
      );
      await refusedBy(
        `INSERT INTO customer_credits (business_id, customer_id, current_balance, display_name) SELECT $1, id, 500, name FROM customers WHERE id = $2`,
        [other.business, ids.customer],
        RESTRICT,
        'customer_credits_ledger_guard',
      );
      await refusedBy(`DELETE FROM customer_credits WHERE id = $1`, [ids.account], RESTRICT, 'customer_credits_kept');
    });

    it('no balance goes past +-99,999,999.99', async () => {
      const big = entry({ amount: '99999999.99' });
      await refusedBy(big.sql, big.params, CHECK, 'customer_credits_balance_range');
    });

    it('claims change only by their decision, once; nothing is deleted', async () => {
      const payment = randomUUID();
      await t.db.query(
        `INSERT INTO pending_payments (transaction_id, business_id, customer_id, account_id, amount) VALUES ($1, $2, $3, $4, 5)`,
        [payment, ids.business, ids.customer, ids.account],
      );
      for (const change of [
        `amount = 6`,
        `notes = 'edited'`,
        `utr = '123456789012'`,
        `created_at = now() - interval '1 day'`,
        `metadata = '{}'`,
      ]) {
        await refusedBy(`UPDATE pending_payments SET ${change} WHERE transaction_id = $1`, [payment], RESTRICT, 'pending_payments_guard');
      }
      await t.db.query(`UPDATE pending_payments SET status = 'cancelled', cancelled_at = now() WHERE transaction_id = $1`, [payment]);
      await refusedBy(
        `UPDATE pending_payments SET status = 'pending', cancelled_at = NULL WHERE transaction_id = $1`,
        [payment],
        RESTRICT,
        'pending_payments_guard',
      );
      await refusedBy(
        `UPDATE pending_payments SET notes = 'edited' WHERE transaction_id = $1`,
        [payment],
        RESTRICT,
        'pending_payments_guard',
      );
      await refusedBy(`DELETE FROM pending_payments WHERE transaction_id = $1`, [payment], RESTRICT, 'pending_payments_guard');
    });

    it('ledger entries and audit events are never edited or deleted, in any column', async () => {
      for (const change of [
        `amount = amount + 1`,
        `notes = 'edited'`,
        `created_by = business_id`,
        `payment_method = 'cash'`,
        `balance_after = 0`,
        `entry_no = 99`,
      ]) {
        await refusedBy(`UPDATE transactions SET ${change} WHERE account_id = $1`, [ids.account], RESTRICT, 'transactions_append_only');
      }
      await refusedBy(`DELETE FROM transactions WHERE account_id = $1`, [ids.account], RESTRICT, 'transactions_append_only');
      for (const change of [`reason = 'edited'`, `actor_role = 'system'`, `to_status = 'approved'`, `at = now()`]) {
        await refusedBy(`UPDATE payment_events SET ${change} WHERE payment_id = $1`, [ids.payment], RESTRICT, 'payment_events_append_only');
      }
      await refusedBy(`DELETE FROM payment_events`, [], RESTRICT, 'payment_events_append_only');
    });

    it.each(['transactions', 'payment_events', 'pending_payments', 'customer_credits'])('%s cannot be truncated', async (table) => {
      await refusedBy(`TRUNCATE ${table} CASCADE`, [], RESTRICT, `${table}_no_truncate`);
    });

    it("a claimed account's new customer follows to its entries, claims and events", async () => {
      const business = await linkedPair(t);
      const added = await t.http
        .post('/api/v1/accounts')
        .set(business.business.auth)
        .send({ name: 'Ravi', phone: '9845099999', openingBalance: '75' });
      const customer = await registerCustomer(t, 'Ravi K');
      await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: added.body.inviteCode }).expect(201);
      const claim = await pendingClaim(t, customer, business.business.businessId, '5');
      const { rows } = await t.db.query(
        `SELECT (SELECT array_agg(DISTINCT customer_id) FROM transactions WHERE account_id = $1) AS entries,
                (SELECT array_agg(DISTINCT customer_id) FROM payment_events WHERE payment_id = $2) AS events`,
        [added.body.id, claim],
      );
      expect(rows[0]).toEqual({ entries: [customer.customerId], events: [customer.customerId] });
    });

    it('a UTR is 12 digits', async () => {
      await refusedBy(
        `INSERT INTO pending_payments (business_id, customer_id, account_id, amount, utr) VALUES ($1, $2, $3, 5, '12ab')`,
        [ids.business, ids.customer, ids.account],
        CHECK,
        'pending_payments_utr_check',
      );
    });
  });
});
