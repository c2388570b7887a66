import { randomUUID } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import { BusinessActor, linkedPair, pendingClaim } from './support/actors';
import { OPENAPI_DOCUMENT } from './support/openapi-operations';
import { startTestApp, TestApp } from './support/test-app';
import { Received, until, WebhookReceiver } from './support/webhook-receiver';

/**
 * Deliveries as a receiver sees them, verified with the reference `standardwebhooks` library (not the project's own
 * signer). The retry schedule is tiny here (WEBHOOK_RETRY_SCHEDULE) and the timeout short: nothing waits minutes,
 * and no assertion is about time.
 */
const ALL_EVENTS = ['payment.created', 'payment.approved', 'payment.rejected', 'payment.cancelled', 'transaction.created'];

describe('webhook deliveries', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let pair: Awaited<ReturnType<typeof linkedPair>>;

  beforeAll(async () => {
    t = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,100ms,100ms,100ms,100ms,100ms',
      WEBHOOK_TIMEOUT: '400ms',
      EVENTS_POLL_MS: '200',
    });
    receiver = await WebhookReceiver.start();
    pair = await linkedPair(t);
  });
  afterAll(async () => {
    await receiver.down();
    await t.close();
  });

  async function endpoint(owner: BusinessActor, path: string, events = ALL_EVENTS) {
    const res = await t.http
      .post('/api/v1/webhook-endpoints')
      .set(owner.auth)
      .send({ url: receiver.url(path), events });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    return res.body as { id: string; secret: string };
  }

  /** The receiver's check: signature (any of the `v1,` ones) and timestamp, by the reference library. */
  function verified(secret: string, r: Received) {
    return new Webhook(secret).verify(r.body, r.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
  }

  const approve = (paymentId: string) =>
    t.http.post(`/api/v1/payments/${paymentId}/approve`).set(pair.business.auth).set('Idempotency-Key', randomUUID()).send({});

  async function deliveries(owner: BusinessActor, endpointId: string) {
    const res = await t.http.get(`/api/v1/webhook-endpoints/${endpointId}/deliveries?limit=100`).set(owner.auth);
    expect(res.status).toBe(200);
    return res.body.items as {
      id: string;
      messageId: string;
      type: string;
      status: string;
      attempts: { statusCode: number | null; error: string | null; responseBody: string | null }[];
    }[];
  }

  it('signs every event of a claim and a hand-recorded entry; the bodies are what the API shows, in order per payment', async () => {
    const hook = await endpoint(pair.business, '/all');
    // With an Idempotency-Key the request runs in a transaction: the relay it wakes must not run in it.
    const test = await t.http
      .post(`/api/v1/webhook-endpoints/${hook.id}/test`)
      .set(pair.business.auth)
      .set('Idempotency-Key', randomUUID());
    expect(test.status).toBe(202);
    const paymentId = await pendingClaim(t, pair.customer, pair.business.businessId, '120.50');
    expect((await approve(paymentId)).status).toBe(200);
    const credit = await t.http
      .post(`/api/v1/accounts/${pair.accountId}/transactions`)
      .set(pair.business.auth)
      .send({ type: 'credit', amount: '75.25', notes: 'Rice' });
    expect(credit.status).toBe(201);

    await until('five messages arrived', () => receiver.at('/all').length >= 5);
    const messages = receiver.at('/all').map((r) => ({ id: r.headers['webhook-id'], ...verified(hook.secret, r) }));
    expect(messages.map((m) => m.type)).toEqual(
      expect.arrayContaining(['webhook.test', 'payment.created', 'payment.approved', 'transaction.created', 'transaction.created']),
    );
    const ofPayment = messages.filter((m) => m.data.id === paymentId || m.data.originalPendingId === paymentId);
    expect(ofPayment.map((m) => m.type)).toEqual(['payment.created', 'payment.approved', 'transaction.created']);
    const payment = await t.http.get(`/api/v1/payments/${paymentId}`).set(pair.business.auth);
    expect(ofPayment[1]!.data).toEqual(payment.body);
    const hand = messages.find((m) => m.type === 'transaction.created' && m.data.originalPendingId === null)!;
    expect(hand.data).toMatchObject({ id: credit.body.transaction.id, amount: '75.25', type: 'credit', notes: 'Rice' });
    // Every message its own id, and the body is {type, timestamp, data}.
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    for (const m of messages) expect(Object.keys(m).sort()).toEqual(['data', 'id', 'timestamp', 'type']);
    // Each body is a WebhookEvent as the document says it (the variant of its type, objects closed there).
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(OPENAPI_DOCUMENT, 'openapi');
    const webhookEvent = ajv.getSchema('openapi#/components/schemas/WebhookEvent')!;
    for (const { id: _id, ...body } of messages)
      expect([body.type, webhookEvent(body) ? [] : webhookEvent.errors]).toEqual([body.type, []]);
    // A signature made with another secret is refused by the library (the check can fail).
    const other = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    expect(() => verified(other, receiver.at('/all')[0]!)).toThrow();

    await until('all delivered in the log', async () => (await deliveries(pair.business, hook.id)).every((d) => d.status === 'delivered'));
    const log = await deliveries(pair.business, hook.id);
    expect(log).toHaveLength(5);
    for (const d of log) expect(d.attempts).toEqual([expect.objectContaining({ statusCode: 200, error: null, responseBody: 'ok' })]);
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('answers 500 then 200: retried as the same message until delivered; every attempt in the log, response capped', async () => {
    const hook = await endpoint(pair.business, '/flaky', ['payment.created']);
    receiver.script('/flaky', 500, 500, 200);
    const paymentId = await pendingClaim(t, pair.customer, pair.business.businessId, '10');
    await until('delivered', async () => (await deliveries(pair.business, hook.id))[0]?.status === 'delivered');
    const got = receiver.at('/flaky');
    expect(got.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of got) expect(verified(hook.secret, r).data.id).toBe(paymentId);
    const [delivery] = await deliveries(pair.business, hook.id);
    expect(delivery!.messageId).toBe(got[0]!.headers['webhook-id']);
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([200, 500, 500]);
    expect(delivery!.attempts[1]!.responseBody!.length).toBe(2048);
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('many deliveries to one endpoint share a few kept-alive connections, and each is recorded once', async () => {
    const busy = await WebhookReceiver.start();
    const res = await t.http
      .post('/api/v1/webhook-endpoints')
      .set(pair.business.auth)
      .send({ url: busy.url('/busy'), events: ['payment.created'] });
    expect(res.status).toBe(201);
    const hook = res.body as { id: string; secret: string };
    const n = 40;
    for (let i = 0; i < n; i++) {
      await t.http.post(`/api/v1/webhook-endpoints/${hook.id}/test`).set(pair.business.auth).expect(202);
    }
    await until('all delivered', async () => {
      const items = await deliveries(pair.business, hook.id);
      return items.length === n && items.every((d) => d.status === 'delivered');
    });
    expect(busy.received).toHaveLength(n);
    expect(new Set(busy.received.map((r) => r.headers['webhook-id'])).size).toBe(n);
    for (const d of await deliveries(pair.business, hook.id)) expect(d.attempts).toHaveLength(1);
    // At most SOCKETS_PER_ENDPOINT (16) at once, each used again: fewer connections than deliveries.
    expect(busy.connections).toBeLessThanOrEqual(16);
    expect(busy.connections).toBeLessThan(n);
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
    await busy.down();
  });

  it('one endpoint’s backlog holds up no other endpoint: a message for another arrives while the backlog waits', async () => {
    const slow = await endpoint(pair.business, '/backlog', ['payment.created']);
    receiver.script('/backlog', 'hang');
    const n = 100; // more than the relay sends one endpoint at once (QUEUE_PER_ENDPOINT): the rest wait, due
    for (let i = 0; i < n; i++) await t.http.post(`/api/v1/webhook-endpoints/${slow.id}/test`).set(pair.business.auth).expect(202);
    await until('the backlog’s receiver holds connections open', () => receiver.at('/backlog').length >= 16);
    const quick = await endpoint(pair.business, '/quick', ['payment.created']);
    await t.http.post(`/api/v1/webhook-endpoints/${quick.id}/test`).set(pair.business.auth).expect(202);
    await until('the other endpoint’s message arrived', () => receiver.at('/quick').length === 1);
    const waiting = await t.db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`, [
      slow.id,
    ]);
    expect(waiting.rows[0].n).toBeGreaterThan(n / 2);
    expect(verified(quick.secret, receiver.at('/quick')[0]!).type).toBe('webhook.test');
    for (const id of [slow.id, quick.id]) await t.http.delete(`/api/v1/webhook-endpoints/${id}`).set(pair.business.auth).expect(204);
  });

  it('a payment.created fanned out after the decision still carries the payment as it was created', async () => {
    const hook = await endpoint(pair.business, '/late', ['payment.created', 'payment.approved']);
    // Holds the fan-out (it skips the locked position row) while the claim is made and approved.
    const held = await t.db.connect();
    try {
      await held.query('BEGIN');
      await held.query(`SELECT 1 FROM event_consumers WHERE name = 'webhooks' FOR UPDATE`);
      const paymentId = await pendingClaim(t, pair.customer, pair.business.businessId, '16');
      expect((await approve(paymentId)).status).toBe(200);
      await held.query('COMMIT');
      await until('both delivered', () => receiver.at('/late').length === 2);
      const [created, approved] = receiver.at('/late').map((r) => verified(hook.secret, r));
      expect(created).toMatchObject({ type: 'payment.created', data: { id: paymentId, status: 'pending', approvedAt: null } });
      expect(approved).toMatchObject({ type: 'payment.approved', data: { id: paymentId, status: 'approved' } });
    } finally {
      held.release();
    }
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('an endpoint whose secret an earlier version stored in clear still signs with it', async () => {
    const hook = await endpoint(pair.business, '/legacy', ['payment.created']);
    const legacy = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
    await t.db.query(`UPDATE webhook_endpoints SET secret = $2 WHERE id = $1`, [hook.id, legacy]);
    await t.http.post(`/api/v1/webhook-endpoints/${hook.id}/test`).set(pair.business.auth).expect(202);
    await until('delivered', () => receiver.at('/legacy').length === 1);
    expect(verified(legacy, receiver.at('/legacy')[0]!).type).toBe('webhook.test');
    expect(() => verified(hook.secret, receiver.at('/legacy')[0]!)).toThrow();
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('a receiver down for a while, then up: the retries arrive, with the same webhook-id', async () => {
    const down = await WebhookReceiver.start();
    await down.down();
    const res = await t.http
      .post('/api/v1/webhook-endpoints')
      .set(pair.business.auth)
      .send({ url: down.url('/later'), events: ['payment.created'] });
    const hook = res.body as { id: string; secret: string };
    await pendingClaim(t, pair.customer, pair.business.businessId, '11');
    await until('two attempts refused', async () => ((await deliveries(pair.business, hook.id))[0]?.attempts.length ?? 0) >= 2);
    await down.up();
    try {
      await until('delivered', async () => (await deliveries(pair.business, hook.id))[0]?.status === 'delivered');
      const [delivery] = await deliveries(pair.business, hook.id);
      expect(delivery!.attempts[0]!.statusCode).toBe(200);
      expect(delivery!.attempts.slice(1).every((a) => a.statusCode === null && /ECONNREFUSED/.test(a.error!))).toBe(true);
      expect(down.at('/later').map((r) => r.headers['webhook-id'])).toEqual([delivery!.messageId]);
      verified(hook.secret, down.at('/later')[0]!);
    } finally {
      await down.down();
    }
  });

  it('410 disables the endpoint (flag and reason shown); what happens meanwhile waits, and goes out when it is enabled again', async () => {
    const hook = await endpoint(pair.business, '/gone', ['payment.created']);
    receiver.script('/gone', 410, 200);
    await pendingClaim(t, pair.customer, pair.business.businessId, '12');
    await until('disabled', async () => {
      const res = await t.http.get(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth);
      return res.body.enabled === false;
    });
    const shown = await t.http.get(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth);
    expect(shown.body).toMatchObject({ enabled: false, disabledReason: 'The endpoint answered 410 Gone' });
    expect(shown.body.disabledAt).toEqual(expect.any(String));
    const [delivery] = await deliveries(pair.business, hook.id);
    expect(delivery).toMatchObject({ status: 'failed' });
    const heldPayment = await pendingClaim(t, pair.customer, pair.business.businessId, '13'); // held while disabled
    await until('the relay has read the whole event log', async () => {
      const { rows } = await t.db.query(
        `SELECT NOT EXISTS (SELECT 1 FROM event_log WHERE position IS NULL)
            AND (SELECT position FROM event_consumers WHERE name = 'webhooks') = (SELECT max(position) FROM event_log) AS done`,
      );
      return rows[0].done;
    });
    const replayed = await t.http.post(`/api/v1/webhook-endpoints/${hook.id}/deliveries/${delivery!.id}/replay`).set(pair.business.auth);
    expect(replayed.status).toBe(202);
    expect(replayed.body.messageId).toBe(delivery!.messageId);
    // While disabled, nothing is sent: the claim made meanwhile waits in the log, unattempted.
    const whileOff = await deliveries(pair.business, hook.id);
    expect(whileOff).toHaveLength(2);
    expect(whileOff[0]).toMatchObject({ status: 'pending', attempts: [] });
    expect(receiver.at('/gone')).toHaveLength(1);
    // Enabled again: the replayed delivery goes out (same webhook-id), and so does the claim made while disabled.
    const enabled = await t.http.patch(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).send({ enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
    await until('both delivered', async () => (await deliveries(pair.business, hook.id)).every((d) => d.status === 'delivered'));
    const received = receiver.at('/gone');
    expect(received.map((r) => r.answered)).toEqual([410, 200, 200]);
    expect(received.slice(1).map((r) => r.headers['webhook-id'])).toEqual(
      expect.arrayContaining([delivery!.messageId, whileOff[0]!.messageId]),
    );
    const held = received.find((r) => r.headers['webhook-id'] === whileOff[0]!.messageId)!;
    expect(verified(hook.secret, held)).toMatchObject({ type: 'payment.created', data: { id: heldPayment, status: 'pending' } });
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('a receiver that hangs: the attempt times out and says so; after the last retry the delivery is failed; replay since sends it again', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const hook = await endpoint(pair.business, '/hang', ['payment.created']);
    receiver.script('/hang', 'hang');
    await pendingClaim(t, pair.customer, pair.business.businessId, '14');
    await until('failed', async () => (await deliveries(pair.business, hook.id))[0]?.status === 'failed');
    const [delivery] = await deliveries(pair.business, hook.id);
    expect(delivery!.attempts).toHaveLength(6); // the whole schedule
    for (const a of delivery!.attempts) expect(a).toMatchObject({ statusCode: null, error: 'timed out after 400 ms' });
    receiver.script('/hang', 200);
    const res = await t.http.post(`/api/v1/webhook-endpoints/${hook.id}/replay`).set(pair.business.auth).send({ since });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ replayed: 1 });
    await until('delivered', async () => (await deliveries(pair.business, hook.id))[0]?.status === 'delivered');
    expect(new Set(receiver.at('/hang').map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery!.messageId]));
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('in order per payment: the approval waits while the claim’s message is not yet delivered', async () => {
    const hook = await endpoint(pair.business, '/order', ['payment.created', 'payment.approved']);
    receiver.script('/order', 503, 503, 503, 200);
    const paymentId = await pendingClaim(t, pair.customer, pair.business.businessId, '15');
    await until('the claim’s message refused once', () => receiver.at('/order').length >= 1);
    expect((await approve(paymentId)).status).toBe(200);
    await until('both delivered', async () => {
      const log = await deliveries(pair.business, hook.id);
      return log.length === 2 && log.every((d) => d.status === 'delivered');
    });
    const types = receiver.at('/order').map((r) => [verified(hook.secret, r).type, r.answered]);
    expect(types).toEqual([
      ['payment.created', 503],
      ['payment.created', 503],
      ['payment.created', 503],
      ['payment.created', 200],
      ['payment.approved', 200],
    ]);
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('rotation: during the window both secrets sign, and each verifies alone', async () => {
    const hook = await endpoint(pair.business, '/rotate', ['payment.created']);
    const rotated = await t.http.post(`/api/v1/webhook-endpoints/${hook.id}/rotate-secret`).set(pair.business.auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(rotated.body.previousSecretExpiresAt).toEqual(expect.any(String));
    await pendingClaim(t, pair.customer, pair.business.businessId, '16');
    await until('arrived', () => receiver.at('/rotate').length >= 1);
    const [r] = receiver.at('/rotate');
    expect(r!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verified(hook.secret, r!).type).toBe('payment.created');
    expect(verified(rotated.body.secret, r!).type).toBe('payment.created');
    // The secret is shown once: never in a read.
    const read = await t.http.get(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth);
    expect(read.body.secret).toBeUndefined();
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });

  it('an endpoint failing for days is disabled and says since when (time driven in the database)', async () => {
    const hook = await endpoint(pair.business, '/days', ['payment.created']);
    receiver.script('/days', 500);
    await t.db.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`, [hook.id]);
    await pendingClaim(t, pair.customer, pair.business.businessId, '17');
    await until('disabled', async () => {
      const res = await t.http.get(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth);
      return res.body.enabled === false;
    });
    const shown = await t.http.get(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth);
    expect(shown.body.disabledReason).toMatch(/^Every attempt failed since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    const list = await t.http.get('/api/v1/webhook-endpoints').set(pair.business.auth);
    expect(list.body.items.find((e: { id: string }) => e.id === hook.id)).toMatchObject({ enabled: false });
    await t.http.delete(`/api/v1/webhook-endpoints/${hook.id}`).set(pair.business.auth).expect(204);
  });
});
