import { randomUUID } from 'node:crypto';
import { linkedPair, registerBusiness, registerCustomer, submitClaim } from './support/actors';
import { startTestApp, TestApp } from './support/test-app';

/** SPEC: a retry with the same key and body returns the first response again (same status, `Idempotent-Replayed: true`). */
describe('Idempotency-Key: a retry gets the first response', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const keyRow = async (userId: string, key: string) =>
    (await t.db.query(`SELECT status_code, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key])).rows[0];

  it('a 409 is replayed as that 409, even after the conflict is gone', async () => {
    const { business, customer } = await linkedPair(t);
    const utr = '512345678901';
    const blocker = await submitClaim(t, customer, { businessId: business.businessId, amount: '5', utr });
    const key = randomUUID();
    const body = { businessId: business.businessId, amount: '6', utr };
    const first = await submitClaim(t, customer, body, key);
    expect(first.status).toBe(409);
    expect(first.body.code).toBe('UTR_IN_USE');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await t.http.post(`/api/v1/payments/${blocker.body.id}/cancel`).set(customer.auth).expect(200);
    const retry = await submitClaim(t, customer, body, key);
    expect(retry.status).toBe(409);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(retry.body).toEqual(first.body);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM pending_payments WHERE customer_id = $1 AND amount = 6`, [
      customer.customerId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('a 404 and a 409 TOO_MANY_PENDING are replayed too', async () => {
    const { business, customer } = await linkedPair(t);
    const other = await registerBusiness(t);
    const notLinked = { businessId: other.businessId, amount: '10' };
    const key = randomUUID();
    expect((await submitClaim(t, customer, notLinked, key)).status).toBe(404);
    await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: other.joinCode }).expect(201);
    const replay = await submitClaim(t, customer, notLinked, key);
    expect([replay.status, replay.body.code, replay.headers['idempotent-replayed']]).toEqual([404, 'ACCOUNT_NOT_FOUND', 'true']);

    for (let i = 0; i < 10; i++) await submitClaim(t, customer, { businessId: business.businessId, amount: '1' }).expect(201);
    const full = randomUUID();
    const body = { businessId: business.businessId, amount: '2' };
    expect((await submitClaim(t, customer, body, full)).body.code).toBe('TOO_MANY_PENDING');
    const { body: pending } = await t.http.get('/api/v1/payments?status=pending').set(customer.auth);
    await t.http.post(`/api/v1/payments/${pending.items[0].id}/cancel`).set(customer.auth).expect(200);
    const again = await submitClaim(t, customer, body, full);
    expect([again.status, again.body.code, again.headers['idempotent-replayed']]).toEqual([409, 'TOO_MANY_PENDING', 'true']);
  });

  it('concurrent identical requests that end in a 409 have one outcome: one ran, the rest replay it', async () => {
    const { business, customer } = await linkedPair(t);
    const utr = '612345678901';
    await submitClaim(t, customer, { businessId: business.businessId, amount: '5', utr }).expect(201);
    const key = randomUUID();
    const body = { businessId: business.businessId, amount: '7', utr };
    const results = await Promise.all(Array.from({ length: 10 }, () => submitClaim(t, customer, body, key)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(409));
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await keyRow(customer.userId, key)).toMatchObject({ status_code: 409, response_body: { code: 'UTR_IN_USE' } });
  });

  it('a validation error is not stored: the same key with a corrected body succeeds', async () => {
    const { business, customer } = await linkedPair(t);
    const key = randomUUID();
    expect((await submitClaim(t, customer, { businessId: business.businessId, amount: 12.5 }, key)).status).toBe(400);
    expect(await keyRow(customer.userId, key)).toBeUndefined();
    const fixed = await submitClaim(t, customer, { businessId: business.businessId, amount: '12.50' }, key);
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('POST /accounts/{id}/transactions replays its 404 as well', async () => {
    const { accountId } = await linkedPair(t);
    const stranger = await registerBusiness(t);
    const key = randomUUID();
    const record = () =>
      t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(stranger.auth)
        .set('Idempotency-Key', key)
        .send({ type: 'credit', amount: '5' });
    const first = await record();
    const retry = await record();
    expect([first.status, first.headers['idempotent-replayed']]).toEqual([404, undefined]);
    expect([retry.status, retry.body.code, retry.headers['idempotent-replayed']]).toEqual([404, 'ACCOUNT_NOT_FOUND', 'true']);
  });
});

describe('Idempotency-Key and the claims limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_CLAIMS: '2/600' });
  });
  afterAll(() => t.close());

  it('a retry of an answered request is replayed before any limit is looked at: never 429', async () => {
    const { business, customer } = await linkedPair(t);
    const first = randomUUID();
    const body = { businessId: business.businessId, amount: '3' };
    const created = await submitClaim(t, customer, body, first);
    expect(created.status).toBe(201);
    expect((await submitClaim(t, customer, { ...body, amount: '4' })).status).toBe(201);
    const over = randomUUID();
    const limited = await submitClaim(t, customer, { ...body, amount: '5' }, over);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const replay = await submitClaim(t, customer, body, first);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created.body.id);
    // The 429 was not stored: it decided nothing, so the same key may succeed once the window has room.
    const { rows } = await t.db.query(`SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [customer.userId, over]);
    expect(rows).toHaveLength(0);
  });

  it('a replayed problem is not limited either, and the limit is per user', async () => {
    const { customer } = await linkedPair(t);
    const stranger = await registerBusiness(t);
    const key = randomUUID();
    const body = { businessId: stranger.businessId, amount: '3' };
    expect((await submitClaim(t, customer, body, key)).status).toBe(404);
    expect((await submitClaim(t, customer, { ...body, amount: '4' })).status).toBe(404);
    expect((await submitClaim(t, customer, { ...body, amount: '5' })).status).toBe(429);
    expect((await submitClaim(t, customer, body, key)).status).toBe(404);
    const someoneElse = await registerCustomer(t);
    expect((await submitClaim(t, someoneElse, body)).status).toBe(404);
  });
});
