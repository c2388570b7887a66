import { randomUUID } from 'node:crypto';
import { linkedPair, pendingClaim, registerBusiness, registerCustomer, submitClaim } from './support/actors';
import { invariantViolations } from './support/invariants';
import { startTestApp, TestApp } from './support/test-app';

describe('the approval flow', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    expect(await invariantViolations(t.db)).toEqual({});
  });
  afterAll(() => t.close());

  it('claim -> pending for both -> approve: one ledger entry, balance down, customer sees approved', async () => {
    const { business, customer, accountId } = await linkedPair(t, '1250.00');
    const key = randomUUID();
    const submitted = await submitClaim(
      t,
      customer,
      { businessId: business.businessId, amount: '500.5', notes: ' November dues ', utr: '4123 4567 8901' },
      key,
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      businessId: business.businessId,
      accountId,
      customerId: customer.customerId,
      amount: '500.50',
      paymentMethod: 'PhonePe',
      notes: 'November dues',
      utr: '412345678901',
      status: 'pending',
      approvedAt: null,
    });
    const id = submitted.body.id;

    const pending = await t.http.get('/api/v1/payments?status=pending').set(business.auth);
    expect(pending.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(pending.body.items[0]).toMatchObject({ customerName: 'Test Customer', customerPhone: customer.phone });
    const stats = await t.http.get('/api/v1/payments/stats').set(business.auth);
    expect(stats.body).toEqual({
      pendingCount: 1,
      pendingTotal: '500.50',
      approvedTodayCount: 0,
      approvedTodayTotal: '0.00',
      receivableTotal: '1250.00',
      collected: { today: '0.00', thisWeek: '0.00', thisMonth: '0.00' },
    });

    const approved = await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth);
    expect(approved.status).toBe(200);
    expect(approved.body.payment).toMatchObject({ id, status: 'approved', approvedBy: business.userId });
    expect(approved.body.transaction).toMatchObject({
      type: 'payment',
      amount: '500.50',
      paymentMethod: 'PhonePe',
      originalPendingId: id,
      accountId,
    });
    expect(approved.body.account.currentBalance).toBe('749.50');

    const seen = await t.http.get(`/api/v1/payments/${id}`).set(customer.auth);
    expect(seen.body.status).toBe('approved');
    const account = await t.http.get(`/api/v1/accounts/${accountId}`).set(customer.auth);
    expect(account.body.currentBalance).toBe('749.50');
    const ledger = await t.http.get(`/api/v1/accounts/${accountId}/transactions`).set(customer.auth);
    expect(ledger.body.items.map((e: { type: string; amount: string }) => [e.type, e.amount])).toEqual([
      ['payment', '500.50'],
      ['credit', '1250.00'],
    ]);
    const after = await t.http.get('/api/v1/payments/stats').set(business.auth);
    expect(after.body).toMatchObject({
      pendingCount: 0,
      pendingTotal: '0.00',
      approvedTodayCount: 1,
      approvedTodayTotal: '500.50',
      receivableTotal: '749.50',
    });

    const history = await t.http.get(`/api/v1/payments/${id}/history`).set(customer.auth);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        type: 'submitted',
        fromStatus: null,
        toStatus: 'pending',
        actorId: customer.userId,
        actorRole: 'customer',
      }),
      expect.objectContaining({
        type: 'approved',
        fromStatus: 'pending',
        toStatus: 'approved',
        actorId: business.userId,
        actorRole: 'business',
      }),
    ]);
  });

  it('a second approval is 409 with the current status, and changes nothing', async () => {
    const { business, customer } = await linkedPair(t, '100');
    const id = await pendingClaim(t, customer, business.businessId, '40');
    await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth).expect(200);
    const again = await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'PAYMENT_NOT_PENDING', currentStatus: 'approved' });
    const reject = await t.http.post(`/api/v1/payments/${id}/reject`).set(business.auth).send({ reason: 'late' });
    expect(reject.body).toMatchObject({ code: 'PAYMENT_NOT_PENDING', currentStatus: 'approved' });
    const cancel = await t.http.post(`/api/v1/payments/${id}/cancel`).set(customer.auth);
    expect(cancel.body).toMatchObject({ code: 'PAYMENT_NOT_PENDING', currentStatus: 'approved' });
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM transactions WHERE original_pending_id = $1`, [id]);
    expect(rows[0].n).toBe(1);
  });

  it('another business approving is 404 and changes nothing', async () => {
    const { business, customer } = await linkedPair(t, '100');
    const other = await registerBusiness(t);
    const id = await pendingClaim(t, customer, business.businessId);
    const res = await t.http.post(`/api/v1/payments/${id}/approve`).set(other.auth);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('PAYMENT_NOT_FOUND');
    expect((await t.http.get(`/api/v1/payments/${id}`).set(customer.auth)).body.status).toBe('pending');
  });

  it('reject records the reason, the customer reads it, and the ledger is untouched', async () => {
    const { business, customer, accountId } = await linkedPair(t, '300');
    const id = await pendingClaim(t, customer, business.businessId, '300');
    expect((await t.http.post(`/api/v1/payments/${id}/reject`).set(business.auth).send({ reason: '' })).status).toBe(400);
    expect(
      (
        await t.http
          .post(`/api/v1/payments/${id}/reject`)
          .set(business.auth)
          .send({ reason: 'x'.repeat(501) })
      ).status,
    ).toBe(400);
    expect((await t.http.post(`/api/v1/payments/${id}/reject`).set(business.auth).send({})).status).toBe(400);
    const res = await t.http.post(`/api/v1/payments/${id}/reject`).set(business.auth).send({ reason: '  Amount not received  ' });
    expect(res.status).toBe(200);
    expect(res.body.payment).toMatchObject({ status: 'rejected', rejectionReason: 'Amount not received', rejectedBy: business.userId });
    const seen = await t.http.get(`/api/v1/payments?status=rejected`).set(customer.auth);
    expect(seen.body.items[0]).toMatchObject({ id, rejectionReason: 'Amount not received' });
    expect((await t.http.get(`/api/v1/accounts/${accountId}`).set(customer.auth)).body.currentBalance).toBe('300.00');
    const history = await t.http.get(`/api/v1/payments/${id}/history`).set(business.auth);
    expect(history.body.items[1]).toMatchObject({ type: 'rejected', reason: 'Amount not received' });
  });

  it('a customer cancels a pending claim; only a customer can', async () => {
    const { business, customer } = await linkedPair(t);
    const id = await pendingClaim(t, customer, business.businessId);
    expect((await t.http.post(`/api/v1/payments/${id}/cancel`).set(business.auth)).status).toBe(403);
    const res = await t.http.post(`/api/v1/payments/${id}/cancel`).set(customer.auth);
    expect(res.status).toBe(200);
    expect(res.body.payment).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    const approve = await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth);
    expect(approve.body).toMatchObject({ code: 'PAYMENT_NOT_PENDING', currentStatus: 'cancelled' });
  });

  describe('UTR', () => {
    it('is 12 digits', async () => {
      const { business, customer } = await linkedPair(t);
      for (const utr of ['12345678901', '1234567890123', 'ABCDEFGHIJKL', 12345678901]) {
        const res = await submitClaim(t, customer, { businessId: business.businessId, amount: '10', utr });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('utr');
      }
    });

    it('is used while pending or approved, freed by rejection or cancellation, and scoped to the business', async () => {
      const { business, customer } = await linkedPair(t);
      const utr = '998877665544';
      const first = await submitClaim(t, customer, { businessId: business.businessId, amount: '10', utr });
      expect(first.status).toBe(201);
      const dup = await submitClaim(t, customer, { businessId: business.businessId, amount: '20', utr });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('UTR_IN_USE');
      await t.http.post(`/api/v1/payments/${first.body.id}/reject`).set(business.auth).send({ reason: 'wrong amount' }).expect(200);
      const again = await submitClaim(t, customer, { businessId: business.businessId, amount: '20', utr });
      expect(again.status).toBe(201);
      await t.http.post(`/api/v1/payments/${again.body.id}/approve`).set(business.auth).expect(200);
      expect((await submitClaim(t, customer, { businessId: business.businessId, amount: '20', utr })).status).toBe(409);
      // Another business's customer may carry the same reference number.
      const other = await linkedPair(t);
      expect((await submitClaim(t, other.customer, { businessId: other.business.businessId, amount: '20', utr })).status).toBe(201);
    });
  });

  it('allows at most 10 pending claims per account', async () => {
    const { business, customer } = await linkedPair(t);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => submitClaim(t, customer, { businessId: business.businessId, amount: '1' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'TOO_MANY_PENDING')).toBe(true);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
  });

  it('a claim needs an account with the business', async () => {
    const { customer } = await linkedPair(t);
    const stranger = await registerBusiness(t);
    const res = await submitClaim(t, customer, { businessId: stranger.businessId, amount: '10' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ACCOUNT_NOT_FOUND');
  });

  describe('Idempotency-Key', () => {
    it('is required to submit', async () => {
      const { business, customer } = await linkedPair(t);
      const res = await t.http.post('/api/v1/payments').set(customer.auth).send({ businessId: business.businessId, amount: '10' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    });

    it('replays the first response for the same body, and refuses another body with 422', async () => {
      const { business, customer } = await linkedPair(t);
      const key = randomUUID();
      const body = { businessId: business.businessId, amount: '75', notes: 'milk' };
      const first = await submitClaim(t, customer, body, key);
      const replay = await submitClaim(t, customer, { notes: 'milk', amount: '75', businessId: business.businessId }, key);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      const other = await submitClaim(t, customer, { ...body, amount: '76' }, key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM pending_payments WHERE customer_id = $1`, [customer.customerId]);
      expect(rows[0].n).toBe(1);
    });

    it('keys are per user: another customer may use the same key', async () => {
      const a = await linkedPair(t);
      const b = await linkedPair(t);
      const key = randomUUID();
      expect((await submitClaim(t, a.customer, { businessId: a.business.businessId, amount: '5' }, key)).status).toBe(201);
      const res = await submitClaim(t, b.customer, { businessId: b.business.businessId, amount: '5' }, key);
      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    });

    it('a problem the claim ran into is its first response: a retry gets it again, a new key may succeed', async () => {
      const { business, customer } = await linkedPair(t);
      const key = randomUUID();
      const utr = '111122223333';
      const blocker = await submitClaim(t, customer, { businessId: business.businessId, amount: '5', utr });
      const failed = await submitClaim(t, customer, { businessId: business.businessId, amount: '6', utr }, key);
      expect(failed.status).toBe(409);
      await t.http.post(`/api/v1/payments/${blocker.body.id}/cancel`).set(customer.auth).expect(200);
      const retried = await submitClaim(t, customer, { businessId: business.businessId, amount: '6', utr }, key);
      expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([409, 'true']);
      const anew = await submitClaim(t, customer, { businessId: business.businessId, amount: '6', utr });
      expect(anew.status).toBe(201);
    });
  });

  describe('money', () => {
    it.each(['0.01', '99999999.99', '250', '250.5'])('accepts %p', async (amount) => {
      const { business, customer } = await linkedPair(t);
      const res = await submitClaim(t, customer, { businessId: business.businessId, amount });
      expect(res.status).toBe(201);
      expect(res.body.amount).toMatch(/^\d+\.\d{2}$/);
      expect(Number(res.body.amount)).toBe(Number(amount));
    });

    it.each([
      ['0'],
      ['0.00'],
      ['-1'],
      ['1.001'],
      [1.5],
      [250],
      ['NaN'],
      ['1e3'],
      ['100000000'],
      [' 5'],
      ['5 '],
      ['+5'],
      ['Infinity'],
      [''],
      [null],
      [[1]],
      [{ value: '1' }],
    ])('refuses %p with a 400 and creates nothing', async (amount) => {
      const { business, customer } = await linkedPair(t);
      const res = await submitClaim(t, customer, { businessId: business.businessId, amount });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.some((e: { field: string }) => e.field === 'amount')).toBe(true);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM pending_payments WHERE customer_id = $1`, [customer.customerId]);
      expect(rows[0].n).toBe(0);
    });

    it('adds exactly: 0.10 + 0.20 credits and a 0.30 approval leave zero', async () => {
      const { business, customer, accountId } = await linkedPair(t, '0.10');
      await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'credit', amount: '0.20' })
        .expect(201);
      const id = await pendingClaim(t, customer, business.businessId, '0.30');
      const res = await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth);
      expect(res.body.account.currentBalance).toBe('0.00');
    });
  });

  describe('limits of the sums', () => {
    it('an approval that would take the balance past -99,999,999.99 is a 409 and the claim stays pending', async () => {
      const business = await registerBusiness(t);
      const customer = await registerCustomer(t);
      const added = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'Advance', phone: customer.phone, openingBalance: '-99999990.00' });
      await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: added.body.inviteCode }).expect(201);
      const id = await pendingClaim(t, customer, business.businessId, '10.01');
      const res = await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('BALANCE_OUT_OF_RANGE');
      expect((await t.http.get(`/api/v1/payments/${id}`).set(business.auth)).body.status).toBe('pending');
      expect((await t.http.get(`/api/v1/accounts/${added.body.id}`).set(business.auth)).body.currentBalance).toBe('-99999990.00');
    });

    it("a shop's dashboard adds up any number of the largest claims exactly", async () => {
      const business = await registerBusiness(t);
      // 1,200 accounts with 10 claims of 99,999,999.99 each: 1,199,999,999,880.00 pending, past numeric(14,2).
      await t.db.query(
        `WITH c AS (INSERT INTO customers (name, phone) SELECT 'Bulk ' || g, '+919' || lpad(g::text, 9, '0') FROM generate_series(1, 1200) g RETURNING id),
              a AS (INSERT INTO customer_credits (business_id, customer_id, display_name) SELECT $1, id, 'Bulk' FROM c RETURNING id, customer_id),
              p AS (INSERT INTO pending_payments (business_id, customer_id, account_id, amount)
                    SELECT $1, a.customer_id, a.id, 99999999.99 FROM a, generate_series(1, 10) RETURNING *)
         INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, to_status, actor_role)
         SELECT transaction_id, account_id, business_id, customer_id, 'submitted', 'pending', 'system' FROM p`,
        [business.businessId],
      );
      const stats = await t.http.get('/api/v1/payments/stats').set(business.auth);
      expect(stats.status).toBe(200);
      expect(stats.body).toMatchObject({ pendingCount: 12000, pendingTotal: '1199999999880.00', approvedTodayTotal: '0.00' });
    });
  });

  describe('lists', () => {
    it('pages by cursor without gaps or repeats, and filters and searches', async () => {
      const { business, customer } = await linkedPair(t);
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push(await pendingClaim(t, customer, business.businessId, `${i + 1}`));
      await t.http.post(`/api/v1/payments/${ids[0]}/reject`).set(business.auth).send({ reason: 'no' }).expect(200);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/payments')
          .query({ limit: 3, ...(cursor ? { cursor } : {}) })
          .set(business.auth)
          .expect(200);
        seen.push(...res.body.items.map((p) => p.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      const pending = await t.http.get('/api/v1/payments').query({ status: 'pending', limit: 100 }).set(business.auth);
      expect(pending.body.items).toHaveLength(6);
      const byPhone = await t.http
        .get('/api/v1/payments')
        .query({ q: customer.phone.slice(-6) })
        .set(business.auth);
      expect(byPhone.body.items).toHaveLength(7);
      const none = await t.http.get('/api/v1/payments').query({ q: '%' }).set(business.auth);
      expect(none.body.items).toHaveLength(0);
    });

    it("a customer's search looks at shops and UTRs, never at the customer's own name or phone", async () => {
      const customer = await registerCustomer(t, 'Kiran Rao');
      const shops: Record<string, string> = {};
      for (const name of ['Rao Provisions', 'Kiran Medicals']) {
        const business = await registerBusiness(t, name);
        const joined = await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: business.joinCode });
        expect(joined.status).toBe(201);
        shops[name] = await pendingClaim(t, customer, business.businessId, '10');
      }
      const ids = async (q: string) =>
        (await t.http.get('/api/v1/payments').query({ q }).set(customer.auth)).body.items.map((p: { id: string }) => p.id);
      expect(await ids('kiran')).toEqual([shops['Kiran Medicals']]);
      expect(await ids('rao')).toEqual([shops['Rao Provisions']]);
      expect(await ids(customer.phone.slice(-6))).toEqual([]);
    });

    it.each([
      { limit: 0 },
      { limit: 101 },
      { limit: 'ten' },
      { cursor: 'bogus!' },
      { cursor: 'eyJ4IjoxfQ' },
      { status: 'paid' },
      { accountId: 'nope' },
    ])('refuses %j with 400', async (query) => {
      const { business } = await linkedPair(t);
      const res = await t.http.get('/api/v1/payments').query(query).set(business.auth);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('test payments (development endpoint)', () => {
    it("files a realistic pending claim in the name of the business's own Test Customer, never a real customer", async () => {
      const { business, accountId } = await linkedPair(t);
      const first = await t.http.post('/api/v1/dev/test-payments').set(business.auth);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ businessId: business.businessId, status: 'pending', paymentMethod: 'PhonePe' });
      expect(first.body).toMatchObject({ customerName: 'Test Customer', customerPhone: '+910000000000' });
      expect(first.body.accountId).not.toBe(accountId);
      expect(first.body.utr).toMatch(/^\d{12}$/);
      const again = await Promise.all([1, 2, 3].map(() => t.http.post('/api/v1/dev/test-payments').set(business.auth)));
      expect(new Set(again.map((r) => r.body.accountId))).toEqual(new Set([first.body.accountId]));
      const real = await t.http.get('/api/v1/payments').query({ accountId }).set(business.auth);
      expect(real.body.items).toEqual([]);
    });

    it('a business with no customers gets its Test Customer too', async () => {
      const business = await registerBusiness(t);
      const res = await t.http.post('/api/v1/dev/test-payments').set(business.auth);
      expect(res.status).toBe(201);
      expect(res.body.customerName).toBe('Test Customer');
    });
  });
});

describe('development endpoints switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEV_ENDPOINTS: 'false' });
  });
  afterAll(() => t.close());

  it('POST /dev/test-payments does not exist (404) and config says so', async () => {
    const business = await registerBusiness(t);
    const res = await t.http.post('/api/v1/dev/test-payments').set(business.auth);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect((await t.http.get('/api/v1/config')).body).toEqual({ devEndpoints: false });
  });
});
