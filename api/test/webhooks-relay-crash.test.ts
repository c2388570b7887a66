import type { Pool } from 'pg';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { ApiProcess } from './chaos/harness';
import { linkedPair, pendingClaim } from './support/actors';
import { createTestDatabase, testPool } from './support/test-database';
import { until, WebhookReceiver } from './support/webhook-receiver';

/**
 * A relay killed mid-delivery (a process of api/dist, SIGKILL): no event is lost, and the attempt it was making is
 * made again by another process once its lease runs out, as the same message (same `webhook-id`). Two processes
 * relay at once meanwhile, and no delivery is attempted by both at the same time.
 * Needs `npx nx run api:build` first.
 */
jest.setTimeout(240_000);

describe('a relay killed mid-delivery', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Pool;
  let receiver: WebhookReceiver;
  const processes: ApiProcess[] = [];
  const env = {
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_TIMEOUT: '1s',
    WEBHOOK_RETRY_SCHEDULE: '0,100ms,100ms,100ms,100ms,100ms,100ms,100ms',
    EVENTS_POLL_MS: '200',
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = testPool(database.url, 2);
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill();
    await receiver.down();
    await db.end();
    await database.drop();
  });

  it('loses no event, and repeats the interrupted attempt with the same webhook-id', async () => {
    const first = await ApiProcess.create(database.url, env);
    processes.push(first);
    await first.start();
    const http = request(first.url) as unknown as Parameters<typeof linkedPair>[0]['http'];
    const pair = await linkedPair({ http });
    const hook = await request(first.url)
      .post('/api/v1/webhook-endpoints')
      .set(pair.business.auth)
      .send({ url: receiver.url('/crash'), events: ['payment.created'] });
    expect(hook.status).toBe(201);
    // The first request hangs: the process is killed while it waits for the answer.
    receiver.script('/crash', 'hang', 200);
    const claims: string[] = [];
    claims.push(await pendingClaim({ http }, pair.customer, pair.business.businessId, '10'));
    await until('the first attempt is in flight', () => receiver.at('/crash').length >= 1);
    const interrupted = receiver.at('/crash')[0]!.headers['webhook-id'];
    await first.kill();

    // Claims committed while no relay runs, then two relays.
    const second = await ApiProcess.create(database.url, env);
    const third = await ApiProcess.create(database.url, env);
    processes.push(second, third);
    await second.start();
    const http2 = request(second.url) as unknown as Parameters<typeof linkedPair>[0]['http'];
    for (let i = 0; i < 6; i++) claims.push(await pendingClaim({ http: http2 }, pair.customer, pair.business.businessId, String(20 + i)));
    await third.start();

    await until('every claim delivered', async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`);
      return rows[0].n === claims.length;
    });
    const wh = new Webhook(hook.body.secret);
    const delivered = receiver
      .at('/crash')
      .filter((r) => r.answered === 200)
      .map((r) => (wh.verify(r.body, r.headers) as { data: { id: string } }).data.id);
    expect(new Set(delivered)).toEqual(new Set(claims));
    // The interrupted message came again, under its own id, and was delivered that time.
    const repeats = receiver.at('/crash').filter((r) => r.headers['webhook-id'] === interrupted);
    expect(repeats.map((r) => r.answered)).toEqual([null, 200]);
    // Each message was answered 200 once: no delivery was sent by two relays at once.
    const ids = receiver
      .at('/crash')
      .filter((r) => r.answered === 200)
      .map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM webhook_deliveries`);
    expect(rows[0].n).toBe(claims.length);
  });
});
