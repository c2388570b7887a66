import { randomUUID } from 'node:crypto';
import { linkedPair, pendingClaim, submitClaim } from './support/actors';
import { invariantViolations } from './support/invariants';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Decisions race for real: the application listens on a port and every call is its own HTTP request on its own
 * database connection, all started at once.
 */
describe('races', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '24' });
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => t.close());

  async function call(path: string, token: string, body?: object) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('exactly one of 24 concurrent approve/reject/cancel calls wins, repeated over 15 payments', async () => {
    const { business, customer, accountId } = await linkedPair(t, '100000');
    const rounds = 15;
    let approvedTotal = 0;
    for (let round = 0; round < rounds; round++) {
      const id = await pendingClaim(t, customer, business.businessId, '10.25');
      const attempts = Array.from({ length: 24 }, (_, i) => {
        if (i % 3 === 0) return call(`/payments/${id}/approve`, business.accessToken);
        if (i % 3 === 1) return call(`/payments/${id}/reject`, business.accessToken, { reason: `race ${i}` });
        return call(`/payments/${id}/cancel`, customer.accessToken);
      });
      const results = await Promise.all(attempts);
      const winners = results.filter((r) => r.status === 200);
      const losers = results.filter((r) => r.status !== 200);
      expect(winners).toHaveLength(1);
      expect(losers.every((r) => r.status === 409 && r.body.code === 'PAYMENT_NOT_PENDING')).toBe(true);
      const status = (winners[0].body.payment as { status: string }).status;
      expect(losers.every((r) => r.body.currentStatus === status)).toBe(true);
      const { rows } = await t.db.query(
        `SELECT status, (SELECT count(*)::int FROM transactions WHERE original_pending_id = $1) AS entries FROM pending_payments WHERE transaction_id = $1`,
        [id],
      );
      expect(rows[0]).toEqual({ status, entries: status === 'approved' ? 1 : 0 });
      if (status === 'approved') approvedTotal += 1025;
    }
    const balance = (await t.http.get(`/api/v1/accounts/${accountId}`).set(business.auth)).body.currentBalance;
    expect(balance).toBe(((10_000_000 - approvedTotal) / 100).toFixed(2));
    expect(await invariantViolations(t.db)).toEqual({});
  });

  it('20 concurrent approvals of one payment: one 200, one ledger row, balance moved once', async () => {
    const { business, customer, accountId } = await linkedPair(t, '500');
    for (let round = 0; round < 5; round++) {
      const id = await pendingClaim(t, customer, business.businessId, '1.00');
      const results = await Promise.all(Array.from({ length: 20 }, () => call(`/payments/${id}/approve`, business.accessToken)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    }
    expect((await t.http.get(`/api/v1/accounts/${accountId}`).set(business.auth)).body.currentBalance).toBe('495.00');
    expect(await invariantViolations(t.db)).toEqual({});
  });

  it('concurrent identical submits with one Idempotency-Key create one payment and all answer it', async () => {
    const { business, customer } = await linkedPair(t);
    for (let round = 0; round < 5; round++) {
      const key = randomUUID();
      const body = { businessId: business.businessId, amount: '42.00', notes: `round ${round}` };
      const results = await Promise.all(Array.from({ length: 12 }, () => submitClaim(t, customer, body, key)));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(11);
    }
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM pending_payments WHERE customer_id = $1`, [customer.customerId]);
    expect(rows[0].n).toBe(5);
  });

  it('concurrent ledger entries and approvals on one account keep the balance equal to the ledger', async () => {
    const { business, customer, accountId } = await linkedPair(t, '1000');
    const claims = await Promise.all(Array.from({ length: 8 }, () => pendingClaim(t, customer, business.businessId, '12.34')));
    await Promise.all([
      ...claims.map((id) => call(`/payments/${id}/approve`, business.accessToken)),
      ...Array.from({ length: 10 }, (_, i) =>
        call(`/accounts/${accountId}/transactions`, business.accessToken, { type: i % 2 ? 'credit' : 'payment', amount: '3.33' }),
      ),
    ]);
    expect((await t.http.get(`/api/v1/accounts/${accountId}`).set(business.auth)).body.currentBalance).toBe('901.28');
    expect(await invariantViolations(t.db)).toEqual({});
  });
});
