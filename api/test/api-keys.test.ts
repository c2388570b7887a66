import { createHash, randomUUID } from 'node:crypto';
import { SCOPES } from '../src/api-keys/scope-names';
import { BusinessActor, linkedPair, pendingClaim, registerBusiness } from './support/actors';
import { documentedOperations } from './support/openapi-operations';
import { openStream } from './support/sse';
import { startTestApp, TestApp } from './support/test-app';

const KEY = /^kp_[A-Za-z0-9_-]{43}$/;

describe('API keys', () => {
  let t: TestApp;
  let base: string;
  let shop: Awaited<ReturnType<typeof linkedPair>>;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_API_KEY: '5/600' });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    shop = await linkedPair(t, '500');
  });
  afterAll(() => t.close());

  async function makeKey(owner: BusinessActor, scopes: string[], name = 'Tally sync') {
    const res = await t.http.post('/api/v1/api-keys').set(owner.auth).send({ name, scopes });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; prefix: string; name: string; scopes: string[] };
  }

  it('is shown once, kept only as its SHA-256, listed by its prefix', async () => {
    const created = await makeKey(shop.business, ['payments:read', 'payments:decide'], '  Tally sync  ');
    expect(created.key).toMatch(KEY);
    expect(created.prefix).toBe(created.key.slice(0, 11));
    expect(created).toMatchObject({ name: 'Tally sync', scopes: ['payments:read', 'payments:decide'], lastUsedAt: null, revokedAt: null });

    const stored = await t.db.query(`SELECT secret_hash, prefix FROM api_keys WHERE id = $1`, [created.id]);
    expect(stored.rows[0].secret_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    const everything = await t.db.query(`SELECT t::text AS row FROM api_keys t`);
    expect(JSON.stringify(everything.rows)).not.toContain(created.key);

    const list = await t.http.get('/api/v1/api-keys').set(shop.business.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.find((k: { id: string }) => k.id === created.id)).toEqual({
      id: created.id,
      name: 'Tally sync',
      scopes: ['payments:read', 'payments:decide'],
      prefix: created.prefix,
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(created.key);
  });

  it('refuses bad names and scopes with 400, nothing stored', async () => {
    const { rows: before } = await t.db.query(`SELECT count(*)::int AS n FROM api_keys`);
    for (const body of [
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['payments:write'] },
      { name: 'x', scopes: ['payments:read', 'payments:read'] },
      { name: '', scopes: ['payments:read'] },
      { name: 'x'.repeat(101), scopes: ['payments:read'] },
      { name: 'x', scopes: 'payments:read' },
    ]) {
      const res = await t.http.post('/api/v1/api-keys').set(shop.business.auth).send(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const { rows: after } = await t.db.query(`SELECT count(*)::int AS n FROM api_keys`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('acts for its business: lists and approves its claims, as the owner who made it', async () => {
    const { key } = await makeKey(shop.business, ['payments:read', 'payments:decide']);
    const paymentId = await pendingClaim(t, shop.customer, shop.business.businessId, '25');
    const list = await t.http.get('/api/v1/payments?status=pending').set('X-Api-Key', key);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(paymentId);

    const approved = await t.http.post(`/api/v1/payments/${paymentId}/approve`).set('X-Api-Key', key);
    expect(approved.status).toBe(200);
    expect(approved.body.payment).toMatchObject({ status: 'approved', approvedBy: shop.business.userId });
    expect(approved.body.account.currentBalance).toBe('475.00');
  });

  it('records the last use, at most once a minute', async () => {
    const created = await makeKey(shop.business, ['accounts:read']);
    const first = await t.http.get('/api/v1/accounts').set('X-Api-Key', created.key);
    expect(first.status).toBe(200);
    const used = async () =>
      (await t.db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [created.id])).rows[0].last_used_at as Date;
    const lastUsed = await used();
    expect(lastUsed).toBeInstanceOf(Date);
    await t.http.get('/api/v1/accounts').set('X-Api-Key', created.key).expect(200);
    expect(await used()).toEqual(lastUsed);
    const list = await t.http.get('/api/v1/api-keys').set(shop.business.auth);
    expect(list.body.items.find((k: { id: string }) => k.id === created.id).lastUsedAt).toBe(lastUsed.toISOString());
  });

  it('is revoked at once: 401 API_KEY_INVALID from the next request; revoking again changes nothing', async () => {
    const created = await makeKey(shop.business, ['accounts:read']);
    await t.http.get('/api/v1/accounts').set('X-Api-Key', created.key).expect(200);
    const revoked = await t.http.delete(`/api/v1/api-keys/${created.id}`).set(shop.business.auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await t.http.get('/api/v1/accounts').set('X-Api-Key', created.key);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('API_KEY_INVALID');
    const again = await t.http.delete(`/api/v1/api-keys/${created.id}`).set(shop.business.auth);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it("another business cannot see or revoke this one's keys (404)", async () => {
    const created = await makeKey(shop.business, ['accounts:read']);
    const other = await registerBusiness(t, 'Other Shop');
    const res = await t.http.delete(`/api/v1/api-keys/${created.id}`).set(other.auth);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('API_KEY_NOT_FOUND');
    const list = await t.http.get('/api/v1/api-keys').set(other.auth);
    expect(list.body).toEqual({ items: [], nextCursor: null });
    await t.http.get('/api/v1/accounts').set('X-Api-Key', created.key).expect(200);
  });

  it('cannot manage keys, nor be used where keys are not accepted (403 API_KEY_NOT_ALLOWED)', async () => {
    const { key } = await makeKey(shop.business, [
      'payments:read',
      'payments:decide',
      'accounts:read',
      'accounts:write',
      'webhooks:manage',
    ]);
    for (const req of [
      t.http.get('/api/v1/api-keys'),
      t.http.post('/api/v1/api-keys').send({ name: 'more', scopes: ['payments:read'] }),
      t.http.get('/api/v1/me'),
      t.http.patch(`/api/v1/businesses/${shop.business.businessId}`).send({ name: 'Renamed' }),
    ]) {
      const res = await req.set('X-Api-Key', key);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('API_KEY_NOT_ALLOWED');
    }
  });

  it('has a rate limit of its own: 429 with Retry-After, other keys unaffected', async () => {
    const busy = await makeKey(shop.business, ['payments:read']);
    const calm = await makeKey(shop.business, ['payments:read']);
    for (let i = 0; i < 5; i++) await t.http.get('/api/v1/payments/stats').set('X-Api-Key', busy.key).expect(200);
    const limited = await t.http.get('/api/v1/payments/stats').set('X-Api-Key', busy.key);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await t.http.get('/api/v1/payments/stats').set('X-Api-Key', calm.key).expect(200);
  });

  // The key's budget is taken in the guard, before the operation looks at anything: every operation that takes keys
  // answers 429 once it is spent (random ids and no body: the counted requests are reads, 404s and 400s; nothing changes).
  // The live stream is left out: its counted requests would open streams (its cap is a 429 of events.test).
  const keyed = documentedOperations().filter((op) => op.scopes && op.operationId !== 'streamEvents');
  it.each(keyed.map((op) => [op.operationId, op] as const))('spends its budget on %s too: 429 RATE_LIMITED', async (_id, op) => {
    const { key } = await makeKey(shop.business, [...SCOPES]);
    const path = op.path.replace(/\{\w+\}/g, () => randomUUID());
    for (let i = 0; i < 5; i++) {
      const res = await t.http[op.method](path).set('X-Api-Key', key);
      expect(op.method === 'get' ? [200, 400, 404] : [400, 404]).toContain(res.status);
    }
    const limited = await t.http[op.method](path).set('X-Api-Key', key);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });

  it("opens the business's live stream with payments:read, not without it", async () => {
    const reader = await makeKey(shop.business, ['payments:read']);
    const writer = await makeKey(shop.business, ['accounts:read']);
    const refused = await fetch(`${base}/api/v1/events`, { headers: { 'x-api-key': writer.key } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('INSUFFICIENT_SCOPE');

    const stream = await openStream(base, { 'x-api-key': reader.key });
    expect(stream.status).toBe(200);
    await stream.waitForId();
    const paymentId = await pendingClaim(t, shop.customer, shop.business.businessId, '15');
    const [event] = await stream.waitFor(1);
    expect(event).toMatchObject({ event: 'payment.created', data: { id: paymentId, status: 'pending' } });
    stream.close();
  });

  it('a key has its own allowance of live streams: five open on a key leave the owner theirs, the key’s sixth is 429', async () => {
    const reader = await makeKey(shop.business, ['payments:read']);
    const keyStreams = await Promise.all(Array.from({ length: 5 }, () => openStream(base, { 'x-api-key': reader.key })));
    expect(keyStreams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await fetch(`${base}/api/v1/events`, { headers: { 'x-api-key': reader.key } });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toEqual(expect.any(String));
    const ownerStream = await openStream(base, shop.business.accessToken);
    expect(ownerStream.status).toBe(200);
    await ownerStream.waitForId();
    for (const stream of [...keyStreams, ownerStream]) stream.close();
  });

  it('a live stream opened with a key ends when the key is revoked; the owner’s own stream goes on', async () => {
    const reader = await makeKey(shop.business, ['payments:read']);
    const keyStream = await openStream(base, { 'x-api-key': reader.key });
    const ownerStream = await openStream(base, shop.business.accessToken);
    await Promise.all([keyStream.waitForId(), ownerStream.waitForId()]);
    await t.http.delete(`/api/v1/api-keys/${reader.id}`).set(shop.business.auth).expect(200);
    const deadline = Date.now() + 10_000; // checked every second; generous for a loaded machine
    while (!keyStream.ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(keyStream.ended).toBe(true);
    const paymentId = await pendingClaim(t, shop.customer, shop.business.businessId, '16');
    const [event] = await ownerStream.waitFor(1);
    expect(event).toMatchObject({ event: 'payment.created', data: { id: paymentId } });
    expect(keyStream.events).toEqual([]);
    ownerStream.close();
  });
});
