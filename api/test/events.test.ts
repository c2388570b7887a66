import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHmac } from 'node:crypto';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { linkedPair, pendingClaim, registerCustomer } from './support/actors';
import { recordResponsesOf } from './support/response-recorder';
import { openStream } from './support/sse';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

describe('live events (server-sent)', () => {
  let t: TestApp;
  let base: string;
  let second: NestFastifyApplication;
  let secondBase: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    // A second API process on the same database (same process here, its own pool and listener).
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: t.databaseUrl,
      RATE_LIMIT_LOGIN: 'off',
      RATE_LIMIT_REGISTER: 'off',
      RATE_LIMIT_JOIN: 'off',
      RATE_LIMIT_CLAIMS: 'off',
    });
    second = await createApp(config, { url: t.databaseUrl, embedded: false }, ['error']);
    recordResponsesOf(second.getHttpServer());
    await second.listen(0, '127.0.0.1');
    secondBase = await second.getUrl();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('refuses an anonymous stream', async () => {
    const res = await fetch(`${base}/api/v1/events`);
    expect(res.status).toBe(401);
  });

  it("delivers a payment's events to its business and customer only, across API processes", async () => {
    const { business, customer } = await linkedPair(t, '500');
    const outsider = await linkedPair(t);
    const stranger = await registerCustomer(t);
    // The business listens on the second process; the change goes through the first.
    const shop = await openStream(secondBase, business.accessToken);
    const payer = await openStream(base, customer.accessToken);
    const others = await Promise.all([openStream(base, outsider.business.accessToken), openStream(secondBase, stranger.accessToken)]);
    expect(shop.status).toBe(200);
    expect(shop.contentType).toMatch(/^text\/event-stream/);

    const id = await pendingClaim(t, customer, business.businessId, '120.00');
    await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth).expect(200);

    for (const stream of [shop, payer]) {
      const events = await stream.waitFor(2);
      expect(events.map((e) => [e.event, e.data.id])).toEqual([
        ['payment.created', id],
        ['payment.approved', id],
      ]);
      // Each event's payment as it stood just after it, however late it is read.
      expect(events[0].data).toMatchObject({ status: 'pending', approvedAt: null, approvedBy: null, amount: '120.00' });
      expect(events[1].data).toMatchObject({ status: 'approved', amount: '120.00' });
      // The ids are positions in the event log: the same on both processes.
      expect(BigInt(events[1].id)).toBeGreaterThan(BigInt(events[0].id));
    }
    expect((await shop.waitFor(2)).map((e) => e.id)).toEqual((await payer.waitFor(2)).map((e) => e.id));
    // The outsiders saw nothing (their streams are open and would have received it by now).
    await new Promise((r) => setTimeout(r, 300));
    expect(others.map((s) => s.events.length)).toEqual([0, 0]);
    await Promise.all([shop, payer, ...others].map((s) => s.close()));
  });

  it('a reconnecting client with Last-Event-ID receives what it missed, once', async () => {
    const { business, customer } = await linkedPair(t, '500');
    const first = await openStream(base, customer.accessToken);
    const a = await pendingClaim(t, customer, business.businessId, '1');
    const [created] = await first.waitFor(1);
    await first.close();
    // Missed while disconnected:
    await t.http.post(`/api/v1/payments/${a}/reject`).set(business.auth).send({ reason: 'not received' }).expect(200);
    const b = await pendingClaim(t, customer, business.businessId, '2');
    const again = await openStream(base, customer.accessToken, created.id);
    const events = await again.waitFor(2);
    expect(events.map((e) => [e.event, e.data.id])).toEqual([
      ['payment.rejected', a],
      ['payment.created', b],
    ]);
    expect(events[0].data.rejectionReason).toBe('not received');
    await t.http.post(`/api/v1/payments/${b}/cancel`).set(customer.auth).expect(200);
    expect((await again.waitFor(3)).map((e) => e.event)).toEqual(['payment.rejected', 'payment.created', 'payment.cancelled']);
    await again.close();
    // Replayed after the decision, the claim's creation still shows the claim as it was then.
    const later = await openStream(base, customer.accessToken, created.id);
    const replayed = await later.waitFor(3);
    expect(replayed[1]).toMatchObject({ event: 'payment.created', data: { id: b, status: 'pending', cancelledAt: null } });
    expect(replayed[2]).toMatchObject({ event: 'payment.cancelled', data: { id: b, status: 'cancelled' } });
    await later.close();
  });

  it('refuses a malformed Last-Event-ID', async () => {
    const customer = await registerCustomer(t);
    const res = await fetch(`${base}/api/v1/events`, {
      headers: { authorization: `Bearer ${customer.accessToken}`, 'last-event-id': 'abc' },
    });
    expect(res.status).toBe(400);
  });

  it('with the embedded database (one backend, no LISTEN) the nudge after a commit delivers', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: t.databaseUrl,
      RATE_LIMIT_CLAIMS: 'off',
      RATE_LIMIT_JOIN: 'off',
      RATE_LIMIT_REGISTER: 'off',
    });
    const embedded = await createApp({ ...config, databasePoolSize: 1 }, { url: t.databaseUrl, embedded: true }, ['error']);
    recordResponsesOf(embedded.getHttpServer());
    await embedded.listen(0, '127.0.0.1');
    try {
      const url = await embedded.getUrl();
      const { business, customer } = await linkedPair(t);
      const stream = await openStream(url, business.accessToken);
      const submitted = await fetch(`${url}/api/v1/payments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer.accessToken}`, 'content-type': 'application/json', 'idempotency-key': 'embedded-1' },
        body: JSON.stringify({ businessId: business.businessId, amount: '7' }),
      });
      expect(submitted.status).toBe(201);
      const [event] = await stream.waitFor(1);
      expect(event).toMatchObject({ event: 'payment.created', data: { amount: '7.00', status: 'pending' } });
      await stream.close();
    } finally {
      await embedded.close();
    }
  });

  it('ends the stream when the access token expires', async () => {
    const customer = await registerCustomer(t);
    const now = Math.floor(Date.now() / 1000);
    const body = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({
        sub: customer.userId,
        role: 'customer',
        cid: customer.customerId,
        aud: 'khata-pay-api',
        iss: 'khata-pay',
        iat: now,
        exp: now + 2,
      }),
    ).toString('base64url')}`;
    const token = `${body}.${createHmac('sha256', TEST_JWT_SECRET).update(body).digest('base64url')}`;
    const stream = await openStream(base, token);
    expect(stream.status).toBe(200);
    expect(await stream.waitForEnd(5000)).toBe(true);
  });
});
