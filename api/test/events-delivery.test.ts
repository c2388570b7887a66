import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, type PoolClient } from 'pg';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { EventStreams } from '../src/events/event-streams';
import { freshPhone, linkedPair, pendingClaim, registerBusiness, registerCustomer } from './support/actors';
import { openStream as openSseStream, ReceivedEvent } from './support/sse';
import { ApiProcess } from './chaos/harness';
import { admin } from './support/test-database';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

/** Waits until `check` holds (polling); fails with `what` after `ms`. Orders steps; asserts nothing about speed. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every stream a test opens, closed after it even when it fails (so one failure does not cascade). */
const opened: Awaited<ReturnType<typeof openSseStream>>[] = [];
async function openStream(...args: Parameters<typeof openSseStream>) {
  const stream = await openSseStream(...args);
  opened.push(stream);
  return stream;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const kinds = (events: ReceivedEvent[]) => events.map((e) => [e.event, e.data.id]);

/** Every payment's events arrive in the order they happened: created first, then at most one decision. */
function expectPerPaymentOrder(events: ReceivedEvent[]) {
  const seen = new Map<string, string[]>();
  for (const e of events) seen.set(e.data.id, [...(seen.get(e.data.id) ?? []), e.event]);
  for (const types of seen.values()) {
    expect(types[0]).toBe('payment.created');
    expect(types.slice(1).every((t) => t !== 'payment.created')).toBe(true);
  }
  const positions = events.map((e) => BigInt(e.id));
  expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
}

describe('live events lose nothing and leak nothing', () => {
  let a: TestApp;
  let aBase: string;
  /** A second API process on the same database whose poll is too slow to matter: only notifications reach it. */
  let b: NestFastifyApplication;
  let bBase: string;
  let databaseName: string;

  const activity = (app: NestFastifyApplication) => app.get(EventStreams).activity();
  const idle = (app: NestFastifyApplication) => {
    const now = activity(app);
    return now.streams === 0 && now.heartbeats === 0 && now.subscriptions === 0;
  };

  beforeAll(async () => {
    a = await startTestApp();
    await a.app.listen(0, '127.0.0.1');
    aBase = await a.app.getUrl();
    databaseName = new URL(a.databaseUrl).pathname.slice(1);
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: a.databaseUrl,
      EVENTS_POLL_MS: '600000',
      RATE_LIMIT_LOGIN: 'off',
      RATE_LIMIT_REGISTER: 'off',
      RATE_LIMIT_JOIN: 'off',
      RATE_LIMIT_CLAIMS: 'off',
    });
    b = await createApp(config, { url: a.databaseUrl, embedded: false }, ['error']);
    await b.listen(0, '127.0.0.1');
    bBase = await b.getUrl();
  });
  afterAll(async () => {
    await admin((c) => c.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`));
    await b.close();
    await a.close();
  });

  it('an event committed through one API process reaches a stream connected to the other', async () => {
    const { business, customer } = await linkedPair(a, '500');
    const shop = await openStream(bBase, business.accessToken);
    const id = await pendingClaim(a, customer, business.businessId, '15');
    expect(kinds(await shop.waitFor(1))).toEqual([['payment.created', id]]);
    await shop.close();
  });

  it('under concurrent writes through both processes, every stream gets each of its events once, in position order', async () => {
    const shop = await registerBusiness(a);
    const customers = await Promise.all(Array.from({ length: 4 }, () => registerCustomer(a)));
    await Promise.all(customers.map((c) => a.http.post('/api/v1/accounts/join').set(c.auth).send({ joinCode: shop.joinCode }).expect(201)));
    const watchers = [
      await openStream(aBase, shop.accessToken),
      await openStream(bBase, shop.accessToken),
      ...(await Promise.all(customers.map((c, i) => openStream(i % 2 ? aBase : bBase, c.accessToken)))),
    ];
    const start = await watchers[0].waitForId();
    const via = (i: number) => (i % 2 ? aBase : bBase);
    const call = (base: string, path: string, token: string, body?: unknown, key?: string) =>
      fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify(body ?? {}),
      });
    const claims = await Promise.all(
      Array.from({ length: 32 }, async (_, i) => {
        const res = await call(
          via(i),
          '/payments',
          customers[i % 4].accessToken,
          { businessId: shop.businessId, amount: `${i + 1}` },
          `c-${i}`,
        );
        expect(res.status).toBe(201);
        return { id: ((await res.json()) as { id: string }).id, customer: customers[i % 4] };
      }),
    );
    const decisions = await Promise.all(
      claims.map(({ id, customer }, i) =>
        i % 3 === 0
          ? call(via(i + 1), `/payments/${id}/approve`, shop.accessToken)
          : i % 3 === 1
            ? call(via(i + 1), `/payments/${id}/reject`, shop.accessToken, { reason: 'not received' })
            : call(via(i + 1), `/payments/${id}/cancel`, customer.accessToken),
      ),
    );

    expect(decisions.map((r) => r.status)).toEqual(claims.map(() => 200));
    await until(
      'every event is sequenced',
      async () =>
        (await a.db.query(`SELECT 1 FROM event_log WHERE business_id = $1 AND position IS NULL`, [shop.businessId])).rows.length === 0,
    );

    // The log carries ledger entries too (`transaction.created`, for webhooks); the live stream only payments.
    const expected = async (column: 'business_id' | 'customer_id', owner: string) =>
      (
        await a.db.query(
          `SELECT position::text AS id FROM event_log WHERE ${column} = $1 AND position > $2 AND type LIKE 'payment.%' ORDER BY position`,
          [owner, start],
        )
      ).rows.map((r) => r.id);
    const audiences = [
      await expected('business_id', shop.businessId),
      await expected('business_id', shop.businessId),
      ...(await Promise.all(customers.map((c) => expected('customer_id', c.customerId)))),
    ];
    expect(audiences[0]).toHaveLength(64);
    for (const [i, stream] of watchers.entries()) {
      const got = await stream.waitFor(audiences[i].length, 15_000);
      expect(got.map((e) => e.id)).toEqual(audiences[i]);
      expectPerPaymentOrder(got);
    }
  });

  it('an event whose id was taken first but committed last is delivered, live and on replay', async () => {
    // One customer with two shops, so one stream sees both payments and the two transactions share no row.
    const first = await linkedPair(a, '500');
    const customer = first.customer;
    const second = await registerBusiness(a, 'Second Shop');
    await a.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: second.joinCode }).expect(201);
    const stream = await openStream(aBase, customer.accessToken);
    const early = await pendingClaim(a, customer, first.business.businessId, '11');
    const late = await pendingClaim(a, customer, second.businessId, '22');
    await stream.waitFor(2);

    const held: PoolClient = await a.db.connect();
    let committed = false;
    try {
      // The cancellation of `early` takes its audit event's id now and stays uncommitted...
      await held.query('BEGIN');
      const {
        rows: [cancelled],
      } = await held.query(
        `WITH p AS (
           UPDATE pending_payments SET status = 'cancelled', cancelled_at = now()
            WHERE transaction_id = $1 AND status = 'pending' RETURNING *
         )
         INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
         SELECT transaction_id, account_id, business_id, customer_id, 'cancelled', 'pending', 'cancelled', $2, 'customer' FROM p
         RETURNING id`,
        [early, customer.userId],
      );
      // ...while the approval of `late` takes a higher id and commits first.
      await a.http.post(`/api/v1/payments/${late}/approve`).set(second.auth).expect(200);
      const {
        rows: [approved],
      } = await a.db.query(`SELECT id FROM payment_events WHERE payment_id = $1 AND type = 'approved'`, [late]);
      expect(BigInt(approved.id)).toBeGreaterThan(BigInt(cancelled.id));
      expect(kinds(await stream.waitFor(3))[2]).toEqual(['payment.approved', late]);

      await held.query('COMMIT');
      committed = true;
    } finally {
      held.release(!committed);
    }
    const live = await stream.waitFor(4);
    expect(kinds(live)).toEqual([
      ['payment.created', early],
      ['payment.created', late],
      ['payment.approved', late],
      ['payment.cancelled', early],
    ]);
    expectPerPaymentOrder(live);
    await stream.close();

    // A client that reconnects with the id of the approval (the first of the two it got) still gets the other.
    const again = await openStream(aBase, customer.accessToken, live[2].id);
    expect(kinds(await again.waitFor(1))).toEqual([['payment.cancelled', early]]);
    await again.close();

    // And from the start, every payment's events in order.
    const everything = await openStream(aBase, customer.accessToken, '0');
    const all = await everything.waitFor(4);
    expect(all).toHaveLength(4);
    expectPerPaymentOrder(all);
    await everything.close();
  });

  it('events committed while the listener is cut off arrive when it is back, live and on replay', async () => {
    const { business, customer } = await linkedPair(a, '500');
    const shop = await openStream(bBase, business.accessToken);
    const first = await pendingClaim(a, customer, business.businessId, '10');
    const [created] = await shop.waitFor(1);
    expect(created.data.id).toBe(first);

    // Open enough pooled connections now: during the outage nobody may connect to this database.
    await Promise.all(Array.from({ length: 8 }, () => a.http.get('/api/v1/me').set(business.auth).expect(200)));
    await a.db.query('SELECT 1');
    let second: string;
    await admin((c) => c.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS false`));
    try {
      const listeners = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'khata-pay-events'`;
      const { rows } = await a.db.query(listeners);
      expect(rows).toHaveLength(2); // one per API process
      await a.db.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
      await until('the listeners are gone', async () => (await a.db.query(listeners)).rows.length === 0);

      // Committed while no process listens (and none can reconnect):
      await a.http.post(`/api/v1/payments/${first}/approve`).set(business.auth).expect(200);
      second = await pendingClaim(a, customer, business.businessId, '20');
    } finally {
      await admin((c) => c.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`));
    }

    expect(kinds(await shop.waitFor(3, 30_000))).toEqual([
      ['payment.created', first],
      ['payment.approved', first],
      ['payment.created', second],
    ]);
    await shop.close();

    const again = await openStream(bBase, business.accessToken, created.id);
    expect(kinds(await again.waitFor(2))).toEqual([
      ['payment.approved', first],
      ['payment.created', second],
    ]);
    await again.close();
  }, 60_000);

  it('a client that reconnects before any event arrived misses nothing committed meanwhile', async () => {
    const { business, customer } = await linkedPair(a, '500');
    const first = await openStream(bBase, business.accessToken);
    const start = await first.waitForId();
    await first.close();
    const id = await pendingClaim(a, customer, business.businessId, '30');
    const again = await openStream(aBase, business.accessToken, start);
    expect(kinds(await again.waitFor(1))).toEqual([['payment.created', id]]);
  });

  it("a claimed invite's earlier events go to the customer who claimed it", async () => {
    const shop = await registerBusiness(a);
    const invited = await a.http.post('/api/v1/accounts').set(shop.auth).send({ name: 'Ravi', phone: freshPhone() }).expect(201);
    // A claim on the account before Ravi has a login (no API files one: written as the shop's own record would be).
    const {
      rows: [claim],
    } = await a.db.query(
      `WITH p AS (INSERT INTO pending_payments (business_id, customer_id, account_id, amount)
                  SELECT business_id, customer_id, id, 25 FROM customer_credits WHERE id = $1 RETURNING *)
       INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, to_status, actor_id, actor_role)
       SELECT transaction_id, account_id, business_id, customer_id, 'submitted', 'pending', $2, 'business' FROM p RETURNING payment_id AS id`,
      [invited.body.id, shop.userId],
    );
    const ravi = await registerCustomer(a, 'Ravi');
    await a.http.post('/api/v1/accounts/join').set(ravi.auth).send({ joinCode: invited.body.inviteCode }).expect(201);
    const stream = await openStream(aBase, ravi.accessToken, '0');
    expect(kinds(await stream.waitFor(1))).toEqual([['payment.created', claim.id]]);
  });

  it('a sequencer that dies in the middle of a run loses nothing: its positions go, the next run gives them again', async () => {
    const { business, customer } = await linkedPair(a, '500');
    const shop = await openStream(bBase, business.accessToken);
    const start = await shop.waitForId();
    // A connection of its own (not the pool's): it is about to be killed, as a process would be.
    const dying = new Client({ connectionString: a.databaseUrl });
    dying.on('error', () => undefined); // the termination below is the point
    await dying.connect();
    // A run that took the lock and gave positions, and never committed (its process was killed).
    await dying.query('BEGIN');
    await dying.query(`SELECT pg_advisory_xact_lock(727274002)`);
    const id = await pendingClaim(a, customer, business.businessId, '40');
    await dying.query(`UPDATE event_log SET position = (SELECT coalesce(max(position), 0) FROM event_log) + 1 WHERE position IS NULL`);
    // Every other process's sequencer now waits for the lock; the dying one's connection goes.
    const {
      rows: [{ pid }],
    } = await dying.query(`SELECT pg_backend_pid() AS pid`);
    await a.db.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await dying.end().catch(() => undefined);
    expect(kinds(await shop.waitFor(1))).toEqual([['payment.created', id]]);
    const { rows } = await a.db.query(
      `SELECT position::text AS id FROM event_log WHERE business_id = $1 AND position > $2 AND type LIKE 'payment.%'`,
      [business.businessId, start],
    );
    expect(rows.map((r) => r.id)).toEqual([shop.events[0].id]);
  });

  it('three API processes, one killed with SIGKILL while claims go through it: every committed event reaches the others once, in order', async () => {
    const shop = await registerBusiness(a);
    const customers = await Promise.all(Array.from({ length: 6 }, () => registerCustomer(a)));
    await Promise.all(customers.map((c) => a.http.post('/api/v1/accounts/join').set(c.auth).send({ joinCode: shop.joinCode }).expect(201)));
    const c = await ApiProcess.create(a.databaseUrl);
    await c.start();
    try {
      const watchers = [await openStream(aBase, shop.accessToken), await openStream(bBase, shop.accessToken)];
      const start = await watchers[0].waitForId();
      let answered = 0;
      const killed = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (answered < 12) return;
          clearInterval(check);
          void c.kill().then(resolve);
        }, 5);
      });
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          try {
            const res = await fetch(`${c.url}/api/v1/payments`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${customers[i % 6].accessToken}`,
                'content-type': 'application/json',
                'idempotency-key': `k-${i}`,
              },
              body: JSON.stringify({ businessId: shop.businessId, amount: `${i + 1}` }),
            });
            answered++;
            return res.status === 201 ? ((await res.json()) as { id: string }).id : null;
          } catch {
            return null; // the process died before answering: committed or not, the log says
          }
        }),
      );
      await killed;
      expect(c.alive).toBe(false);
      const acknowledged = outcomes.filter((id): id is string => id !== null);
      expect(acknowledged.length).toBeGreaterThanOrEqual(12);
      // Committed in the dead process, perhaps never sequenced by it: the survivors' poll sequences the rest.
      await until(
        'every committed event is sequenced',
        async () =>
          (await a.db.query(`SELECT 1 FROM event_log WHERE business_id = $1 AND position IS NULL`, [shop.businessId])).rows.length === 0,
        30_000,
      );
      const expected = (
        await a.db.query(
          `SELECT position::text AS id FROM event_log WHERE business_id = $1 AND position > $2 AND type LIKE 'payment.%' ORDER BY position`,
          [shop.businessId, start],
        )
      ).rows.map((r) => r.id);
      expect(expected.length).toBeGreaterThanOrEqual(acknowledged.length);
      for (const stream of watchers) {
        const got = await stream.waitFor(expected.length, 30_000);
        expect(got.map((e) => e.id)).toEqual(expected);
        expect(new Set(got.map((e) => e.data.id)).size).toBe(got.length); // one created event per claim, none twice
        expect(acknowledged.every((id) => got.some((e) => e.data.id === id))).toBe(true);
        expectPerPaymentOrder(got);
      }
    } finally {
      await c.kill();
    }
  }, 180_000);

  it('nothing on the write path notifies: no trigger of the audit trail or the event log calls pg_notify', async () => {
    const { rows } = await a.db.query(
      `SELECT t.tgname, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE t.tgrelid IN ('payment_events'::regclass, 'event_log'::regclass) AND NOT t.tgisinternal`,
    );
    expect(rows.map((r) => r.tgname)).toContain('event_log_on_payment_events');
    expect(rows.filter((r) => /pg_notify|NOTIFY/i.test(r.prosrc)).map((r) => r.tgname)).toEqual([]);
  });

  describe('a stream releases everything it holds', () => {
    const REPLAY_WAITING = `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ~ 'event_log|payment_events'`;
    let blocker: PoolClient | null = null;
    /** Makes every replay wait: the replay reads the payments, which this transaction locks. */
    async function blockReplays() {
      blocker = await a.db.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE pending_payments IN ACCESS EXCLUSIVE MODE');
    }
    async function unblockReplays() {
      await blocker?.query('ROLLBACK');
      blocker?.release();
      blocker = null;
    }
    afterEach(unblockReplays);
    /** The backend of the replay that waits for the lock. */
    async function waitingReplay(): Promise<number> {
      let pid = 0;
      await until('the replay waits for the lock', async () => {
        const { rows } = await a.db.query(REPLAY_WAITING);
        pid = rows[0]?.pid ?? 0;
        return rows.length === 1;
      });
      return pid;
    }

    it('when its replay fails', async () => {
      const { business, customer } = await linkedPair(a);
      await pendingClaim(a, customer, business.businessId, '5');
      await until('no stream is open', () => idle(a.app));
      await blockReplays();
      const response = fetch(`${aBase}/api/v1/events`, {
        headers: { authorization: `Bearer ${business.accessToken}`, 'last-event-id': '0' },
      });
      await a.db.query('SELECT pg_cancel_backend($1)', [await waitingReplay()]);
      const res = await response;
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      await unblockReplays();
      await until('the stream released its subscription and timers', () => idle(a.app));
    });

    it('when its client leaves during the replay', async () => {
      const { business, customer } = await linkedPair(a);
      await pendingClaim(a, customer, business.businessId, '5');
      await until('no stream is open', () => idle(a.app));
      await blockReplays();
      const client = new AbortController();
      const response = fetch(`${aBase}/api/v1/events`, {
        headers: { authorization: `Bearer ${business.accessToken}`, 'last-event-id': '0' },
        signal: client.signal,
      }).catch(() => null);
      await waitingReplay();
      client.abort();
      await response;
      // The server runs in this process: let its event loop see the closed socket, then let the replay go on.
      await new Promise((r) => setTimeout(r, 300));
      await unblockReplays();
      await until('the replay has its rows', async () => (await a.db.query(REPLAY_WAITING)).rows.length === 0);
      await new Promise((r) => setTimeout(r, 300));
      await until('the stream released its subscription and timers', () => idle(a.app), 5_000);
    });
  });

  it('caps the concurrent streams of one user, and frees a slot when one closes', async () => {
    const customer = await registerCustomer(a);
    const other = await registerCustomer(a);
    const open = await Promise.all(Array.from({ length: 5 }, () => openStream(aBase, customer.accessToken)));
    expect(open.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);

    const refused = await fetch(`${aBase}/api/v1/events`, { headers: { authorization: `Bearer ${customer.accessToken}` } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another user is not affected.
    const theirs = await openStream(aBase, other.accessToken);
    expect(theirs.status).toBe(200);

    await open[0].close();
    await until('the closed stream is released', () => activity(a.app).streams === 5);
    const replacement = await openStream(aBase, customer.accessToken);
    expect(replacement.status).toBe(200);
    await Promise.all([...open.slice(1), theirs, replacement].map((s) => s.close()));
    await until('every stream is released', () => idle(a.app));
  });

  it.each(['9999999999999999999', '9223372036854775808', '-1', '1.5', '12345678901234567890'])(
    'refuses Last-Event-ID %s with a 400',
    async (lastEventId) => {
      const customer = await registerCustomer(a);
      const res = await fetch(`${aBase}/api/v1/events`, {
        headers: { authorization: `Bearer ${customer.accessToken}`, 'last-event-id': lastEventId },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      await until('nothing is held', () => idle(a.app));
    },
  );

  it('accepts the largest position as Last-Event-ID', async () => {
    const customer = await registerCustomer(a);
    const stream = await openStream(aBase, customer.accessToken, '9223372036854775807');
    expect(stream.status).toBe(200);
    await stream.close();
  });
});
