import { linkedPair } from './support/actors';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/webhook-receiver';
import { WebhookRelay } from '../src/webhooks/webhook-relay';

/**
 * The relay keeps the planner's picture of the deliveries table true (WebhookRelay.keepStatisticsTrue): after the
 * table was analyzed while it held only dead rows, the planner takes it for empty whatever arrives next, and the
 * claim's plan walks every pending delivery per candidate. The relay's own loop is off here; the test calls the
 * check itself.
 */
describe('the deliveries table’s statistics', () => {
  let t: TestApp;
  let relay: WebhookRelay;
  let endpointId: string;
  let businessId: string;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOKS_RELAY: 'false' });
    relay = t.app.get(WebhookRelay);
    // No autoanalyze between the steps: the test sets the statistics itself.
    await t.db.query(`ALTER TABLE webhook_deliveries SET (autovacuum_enabled = false)`);
    const pair = await linkedPair(t);
    businessId = pair.business.businessId;
    const res = await t.http
      .post('/api/v1/webhook-endpoints')
      .set(pair.business.auth)
      .send({ url: 'http://127.0.0.1:9/hook', events: ['payment.created'] });
    expect(res.status).toBe(201);
    endpointId = res.body.id;
  });
  afterAll(() => t.close());

  /**
   * Runs `sql` and waits until the statistics system counts `live` rows: a backend reports its counts when idle, at
   * most once a second, and an ANALYZE before a DELETE's counts arrive would be undone by them (autovacuum only
   * analyzes after they have arrived).
   */
  async function counted(live: number, sql: string, params: unknown[] = []) {
    const client = await t.db.connect();
    try {
      await client.query(sql, params);
      await client.query(`SELECT pg_stat_force_next_flush()`);
    } finally {
      client.release();
    }
    await until(`the statistics system counts ${live} rows`, async () => (await statistics()).live === live);
  }

  const pending = (n: number, tag: string) =>
    counted(
      n,
      `INSERT INTO webhook_deliveries (endpoint_id, business_id, message_id, event_type, event_position, order_key, body)
       SELECT $1, $2, 'msg_' || $3 || '_' || i, 'payment.created', i, gen_random_uuid(), '{}' FROM generate_series(1, $4::int) i`,
      [endpointId, businessId, tag, n],
    );

  async function statistics() {
    const { rows } = await t.db.query(
      `SELECT c.reltuples::float8 AS estimated, s.n_live_tup::float8 AS live, s.analyze_count::int AS analyzed
         FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = 'webhook_deliveries'::regclass`,
    );
    return rows[0] as { estimated: number; live: number; analyzed: number };
  }

  it('leaves true statistics alone, and analyzes the table when they count it empty while it is not', async () => {
    await pending(3000, 'first');
    await t.db.query(`ANALYZE webhook_deliveries`);
    expect(await relay.keepStatisticsTrue()).toBe(false);
    const before = await statistics();

    // The trap: every delivery deleted, the table analyzed while it holds only dead rows, then the next burst.
    await counted(0, `DELETE FROM webhook_deliveries`);
    await t.db.query(`ANALYZE webhook_deliveries`);
    await pending(3000, 'second');
    const trapped = await statistics();
    expect(trapped).toMatchObject({ estimated: 0, live: 3000, analyzed: before.analyzed + 1 });

    expect(await relay.keepStatisticsTrue()).toBe(true);
    const repaired = await statistics();
    expect(repaired.analyzed).toBe(trapped.analyzed + 1);
    expect(repaired.estimated).toBe(3000);
    // Once true, left alone.
    expect(await relay.keepStatisticsTrue()).toBe(false);
    expect((await statistics()).analyzed).toBe(repaired.analyzed);
  });
});
