import { registerBusiness, BusinessActor } from './support/actors';
import { databaseFingerprint } from './support/snapshot';
import { startTestApp, TestApp } from './support/test-app';

/** The owner's webhook endpoints: shown-once secrets, the SSRF guard at the door, tenancy. No relay: nothing is sent. */
describe('webhook endpoints', () => {
  let t: TestApp;
  let owner: BusinessActor;
  let stranger: BusinessActor;
  const URL = 'https://93.184.215.14/hooks/khata';

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOKS_RELAY: 'false' });
    owner = await registerBusiness(t, 'Owner Kirana');
    stranger = await registerBusiness(t, 'Other Kirana');
  });
  afterAll(() => t.close());

  const create = (who: BusinessActor, body: Record<string, unknown>) => t.http.post('/api/v1/webhook-endpoints').set(who.auth).send(body);

  it('an Idempotency-Key replay of a creation or rotation shows the same secret, which the idempotency store keeps sealed', async () => {
    const key = `create-${Date.now()}`;
    const send = () =>
      t.http
        .post('/api/v1/webhook-endpoints')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send({ url: URL, events: ['payment.created'] });
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const id = first.body.id as string;

    const rotate = () =>
      t.http.post(`/api/v1/webhook-endpoints/${id}/rotate-secret`).set(owner.auth).set('Idempotency-Key', `rotate-${key}`);
    const rotated = await rotate();
    const rotatedAgain = await rotate();
    expect(rotatedAgain.headers['idempotent-replayed']).toBe('true');
    expect(rotatedAgain.body.secret).toBe(rotated.body.secret);

    const stored = await t.db.query(`SELECT response_body FROM idempotency_keys WHERE key = ANY($1)`, [[key, `rotate-${key}`]]);
    expect(stored.rows).toHaveLength(2);
    for (const row of stored.rows) expect(row.response_body.secret).toMatch(/^enc1:/);
    for (const secret of [first.body.secret, rotated.body.secret]) {
      expect(JSON.stringify(stored.rows)).not.toContain(secret.slice(6, 30));
    }
    await t.http.delete(`/api/v1/webhook-endpoints/${id}`).set(owner.auth).expect(204);
  });

  it('creates, lists, reads, changes and deletes; the secret is shown on creation and rotation only', async () => {
    const created = await create(owner, { url: URL, events: ['payment.approved', 'transaction.created'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: URL,
      events: ['payment.approved', 'transaction.created'],
      enabled: true,
      disabledReason: null,
    });
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(Buffer.from(created.body.secret.slice(6), 'base64')).toHaveLength(32);
    const id = created.body.id as string;

    const list = await t.http.get('/api/v1/webhook-endpoints').set(owner.auth);
    expect(list.body).toEqual({ items: [expect.objectContaining({ id, url: URL })], nextCursor: null });
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

    const patched = await t.http
      .patch(`/api/v1/webhook-endpoints/${id}`)
      .set(owner.auth)
      .send({ events: ['payment.created'], enabled: false });
    expect(patched.body).toMatchObject({ events: ['payment.created'], enabled: false, disabledReason: 'Disabled by the owner' });

    const rotated = await t.http.post(`/api/v1/webhook-endpoints/${id}/rotate-secret`).set(owner.auth);
    expect(rotated.status).toBe(200);
    // At rest both secrets are sealed (AES-256-GCM): a copy of the database cannot sign webhooks.
    const stored = await t.db.query(`SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1`, [id]);
    expect(stored.rows[0].secret).toMatch(/^enc1:/);
    expect(stored.rows[0].previous_secret).toMatch(/^enc1:/);
    for (const secret of [created.body.secret, rotated.body.secret]) {
      expect(JSON.stringify(stored.rows[0])).not.toContain(secret.slice(6, 30));
    }
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const read = await t.http.get(`/api/v1/webhook-endpoints/${id}`).set(owner.auth);
    expect(read.body.secret).toBeUndefined();
    expect(read.body.previousSecretExpiresAt).toEqual(expect.any(String));

    const test = await t.http.post(`/api/v1/webhook-endpoints/${id}/test`).set(owner.auth);
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ type: 'webhook.test', status: 'pending', attempts: [] });
    expect(test.body.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
    const page = await t.http.get(`/api/v1/webhook-endpoints/${id}/deliveries?limit=1`).set(owner.auth);
    expect(page.body).toEqual({ items: [expect.objectContaining({ id: test.body.id })], nextCursor: null });

    await t.http.delete(`/api/v1/webhook-endpoints/${id}`).set(owner.auth).expect(204);
    await t.http.get(`/api/v1/webhook-endpoints/${id}`).set(owner.auth).expect(404);
  });

  it.each([
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[::ffff:127.0.0.1]/hook', 'IPv4-mapped'],
    ['https://100.64.0.1/hook', 'carrier-grade NAT'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://[fd00:ec2::254]/hook', 'unique local'],
    ['https://[fe80::1]/hook', 'link-local'],
    ['https://[::127.0.0.1]/hook', 'IPv4-compatible'],
    ['https://93.184.215.14/a b', 'spaces'],
    ['https://93.184.215.14/a\r\nb', 'control characters'],
    ['https://93.184.215.14:0/hook', 'port'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://10.0.0.1/hook', 'private'],
    ['https://192.168.0.10/hook', 'private'],
    ['https://localhost/hook', 'loopback'],
    ['ftp://93.184.215.14/hook', 'http'],
    ['https://user:pw@93.184.215.14/hook', 'user name'],
  ])('refuses %s with WEBHOOK_URL_REFUSED, nothing stored', async (url, why) => {
    const before = await databaseFingerprint(t.db);
    const res = await create(owner, { url, events: ['payment.approved'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('WEBHOOK_URL_REFUSED');
    expect(res.body.detail).toContain(why);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('refuses a refused URL on a change too, and bad event lists', async () => {
    const { body } = await create(owner, { url: URL, events: ['payment.approved'] });
    const res = await t.http.patch(`/api/v1/webhook-endpoints/${body.id}`).set(owner.auth).send({ url: 'https://169.254.169.254/' });
    expect(res.body.code).toBe('WEBHOOK_URL_REFUSED');
    for (const events of [[], ['payment.approved', 'payment.approved'], ['payment.eaten'], 'payment.approved']) {
      const bad = await create(owner, { url: URL, events });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    // A field may be left out of a change, not sent as null.
    const before = await databaseFingerprint(t.db);
    for (const change of [{ url: null }, { events: null }, { enabled: null }]) {
      const bad = await t.http.patch(`/api/v1/webhook-endpoints/${body.id}`).set(owner.auth).send(change);
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    // `since` is a date-time with its offset, and one that exists; an early one means all of them.
    for (const since of ['2026-11-30', '2026-11-30T00:00:00', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', 'yesterday']) {
      const bad = await t.http.post(`/api/v1/webhook-endpoints/${body.id}/replay`).set(owner.auth).send({ since });
      expect([since, bad.status, bad.body.code]).toEqual([since, 400, 'VALIDATION_FAILED']);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const early = await t.http.post(`/api/v1/webhook-endpoints/${body.id}/replay`).set(owner.auth).send({ since: '0001-01-01T00:00:00Z' });
    expect([early.status, early.body]).toEqual([202, { replayed: 0 }]);
    await t.http.delete(`/api/v1/webhook-endpoints/${body.id}`).set(owner.auth).expect(204);
  });

  it("another business's endpoint and deliveries are 404 for every operation, and unchanged", async () => {
    const { body } = await create(owner, { url: URL, events: ['payment.approved'] });
    const test = await t.http.post(`/api/v1/webhook-endpoints/${body.id}/test`).set(owner.auth);
    const base = `/api/v1/webhook-endpoints/${body.id}`;
    const before = await databaseFingerprint(t.db);
    const calls = [
      t.http.get(base),
      t.http.patch(base).send({ enabled: false }),
      t.http.delete(base),
      t.http.post(`${base}/rotate-secret`),
      t.http.post(`${base}/test`),
      t.http.get(`${base}/deliveries`),
      t.http.post(`${base}/deliveries/${test.body.id}/replay`),
      t.http.post(`${base}/replay`).send({ since: '2026-01-01T00:00:00Z' }),
    ];
    for (const call of calls) {
      const res = await call.set(stranger.auth);
      expect([res.status, res.body.code]).toEqual([404, 'WEBHOOK_ENDPOINT_NOT_FOUND']);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const list = await t.http.get('/api/v1/webhook-endpoints').set(stranger.auth);
    expect(list.body.items).toEqual([]);
    // The owner's own delivery under another of the owner's endpoints is not found either.
    const other = await create(owner, { url: URL, events: ['payment.approved'] });
    const cross = await t.http.post(`/api/v1/webhook-endpoints/${other.body.id}/deliveries/${test.body.id}/replay`).set(owner.auth);
    expect([cross.status, cross.body.code]).toEqual([404, 'WEBHOOK_DELIVERY_NOT_FOUND']);
  });

  it('a business has at most 10 endpoints', async () => {
    const business = await registerBusiness(t, 'Busy Kirana');
    for (let i = 0; i < 10; i++) expect((await create(business, { url: URL, events: ['payment.created'] })).status).toBe(201);
    const res = await create(business, { url: URL, events: ['payment.created'] });
    expect([res.status, res.body.code]).toEqual([409, 'TOO_MANY_WEBHOOK_ENDPOINTS']);
  });

  it('twenty creations at once make ten endpoints: the count and the insert cannot interleave', async () => {
    const business = await registerBusiness(t, 'Rush Kirana');
    const all = await Promise.all(Array.from({ length: 20 }, () => create(business, { url: URL, events: ['payment.created'] })));
    const statuses = all.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(10).fill(201), ...Array(10).fill(409)]);
    const list = await t.http.get('/api/v1/webhook-endpoints').set(business.auth);
    expect(list.body.items).toHaveLength(10);
  });
});
