import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { ApiProcess } from './chaos/harness';
import { freshPhone, linkedPair, pendingClaim, registerCustomer } from './support/actors';
import { databaseFingerprint } from './support/snapshot';
import { startTestApp, TestApp } from './support/test-app';
import { admin } from './support/test-database';

/** Runs a program with `input` on its standard input; resolves with what it printed. */
function run(program: string, args: string[], input: string): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, code }));
    child.stdin.end(input);
  });
}

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document and the interactive docs', async () => {
    const doc = await t.http.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/api/v1/payments/{paymentId}/approve'].post.operationId).toBe('approvePayment');
    const docs = await t.http.get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });

  it('answers liveness and readiness', async () => {
    expect((await t.http.get('/api/v1/health/live')).body.status).toBe('ok');
    const ready = await t.http.get('/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('readiness is a 503 problem with Retry-After while the database does not answer', async () => {
    const own = await startTestApp();
    const database = new URL(own.databaseUrl).pathname.slice(1);
    try {
      await admin(async (c) => {
        await c.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
      });
      const res = await own.http.get('/api/v1/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      await admin((c) => c.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`));
      await own.close();
    }
  });

  it('marks API answers uncacheable and unsniffable', async () => {
    const res = await t.http.get('/api/v1/config');
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
    const problem = await t.http.get('/api/v1/me');
    expect(problem.headers['cache-control']).toBe('no-store');
  });

  it('tells the SPA its public settings', async () => {
    expect((await t.http.get('/api/v1/config')).body).toEqual({ devEndpoints: true });
  });

  it('an unknown route is a problem+json 404', async () => {
    const res = await t.http.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', type: 'urn:khata-pay:problem:NOT_FOUND' });
  });

  it('a body over the limit is 413', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ phone: '9876543210', password: 'x'.repeat(100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  describe('over a real connection (the API in a process of its own)', () => {
    // The API in a process of its own (api/dist): in this process the client's writes and the server's reads share
    // one event loop and the race that loses the answer cannot happen.
    let api: ApiProcess;
    let url: string;
    beforeAll(async () => {
      api = await ApiProcess.create(t.databaseUrl);
      await api.start();
      url = `${api.url}/api/v1/auth/login`;
    });
    afterAll(() => api.kill('SIGTERM'));

    const json = (size: number) => JSON.stringify({ phone: '9876543210', password: 'x'.repeat(size) });
    const expectProblem = (status: number, contentType: string | null, body: string) => {
      expect({ status, contentType }).toEqual({ status: 413, contentType: expect.stringMatching(/^application\/problem\+json/) });
      expect(JSON.parse(body)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    };
    /** A body sent in 16 KiB pieces, paced like a phone on a slow network: the answer comes while it is still sending. */
    const trickle = (size: number, paced: boolean) => {
      const text = new TextEncoder().encode(json(size));
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (offset >= text.length) return controller.close();
          if (offset > 0 && paced) await new Promise((resolve) => setTimeout(resolve, 1));
          controller.enqueue(text.subarray(offset, offset + 16 * 1024));
          offset += 16 * 1024;
        },
      });
    };
    const sizes = [100 * 1024, 1024 * 1024];

    it.each(sizes)(
      "a body over 64 KiB: Node's fetch reads the 413 problem, whole body with its Content-Length (%i bytes)",
      async (size) => {
        for (let round = 0; round < 10; round++) {
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(size) });
          expectProblem(res.status, res.headers.get('content-type'), await res.text());
        }
      },
    );

    it.each(sizes)(
      "a body over 64 KiB: Node's fetch reads the 413 problem, a streamed body with its Content-Length (%i bytes)",
      async (size) => {
        for (let round = 0; round < 10; round++) {
          const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json(size))) };
          const res = await fetch(url, { method: 'POST', headers, body: trickle(size, true), duplex: 'half' } as RequestInit);
          expectProblem(res.status, res.headers.get('content-type'), await res.text());
        }
      },
    );

    it.each(sizes)("a body over 64 KiB: Node's fetch reads the 413 problem, a chunked body (%i bytes)", async (size) => {
      for (let round = 0; round < 10; round++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: trickle(size, false),
          duplex: 'half',
        } as RequestInit);
        expectProblem(res.status, res.headers.get('content-type'), await res.text());
      }
    });

    it.each([
      [100 * 1024, 'Content-Length'],
      [1024 * 1024, 'Content-Length'],
      [1024 * 1024, 'chunked'],
    ])('a body over 64 KiB: curl reads the 413 problem (%i bytes, %s)', async (size, framing) => {
      const extra = framing === 'chunked' ? ['-H', 'Transfer-Encoding: chunked'] : [];
      const args = ['-sS', '-o', '-', '-w', '\n%{http_code} %{content_type}', '-H', 'content-type: application/json', ...extra];
      const { stdout } = await run('curl', [...args, '--data-binary', '@-', url], json(size));
      const lines = stdout.split('\n');
      const [status, contentType] = lines.pop()!.split(' ');
      expectProblem(Number(status), contentType, lines.join('\n'));
    });
  });

  it('a request that is not valid HTTP/1.1 is a problem+json 400 too', async () => {
    const api = await ApiProcess.create(t.databaseUrl);
    await api.start();
    try {
      const { port } = new URL(api.url);
      const post = (headers: string) => `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n${headers}\r\n\r\n{}`;
      for (const bytes of [
        post('Content-Length: 2\r\nTransfer-Encoding: chunked'),
        post('Content-Length: 0x10'),
        post('Content-Length: 99999999999999999999'),
        post('Content-Length: 2\r\nContent-Length: 3'),
        post('Idempotency-Key: a\u0000b\r\nContent-Length: 2'),
        post(`X-Padding: ${'x'.repeat(20_000)}\r\nContent-Length: 2`),
        'NOT HTTP AT ALL\r\n\r\n',
      ]) {
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
          let data = '';
          socket.on('data', (chunk) => (data += chunk.toString('utf8')));
          socket.on('close', () => resolve(data));
          socket.on('error', reject);
        });
        expect({ bytes, head: answer.split('\r\n')[0] }).toEqual({ bytes, head: 'HTTP/1.1 400 Bad Request' });
        expect(answer).toMatch(/\r\ncontent-type: application\/problem\+json/i);
        expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      }
    } finally {
      await api.kill('SIGTERM');
    }
  });

  it('malformed JSON is a 400, never a 500', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"phone": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('a body sent as text, even JSON text, is a 415', async () => {
    for (const body of ['phone=1', '{"phone":"9876500001","password":"khata-demo-1"}']) {
      const res = await t.http.post('/api/v1/auth/login').set('content-type', 'text/plain').send(body);
      expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('an operation that reads no body refuses one with fields (nothing changes); none, or {}, is fine', async () => {
    const { business, customer } = await linkedPair(t);
    const paymentId = await pendingClaim(t, customer, business.businessId, '40');
    const before = await databaseFingerprint(t.db);
    for (const body of ['{"reason":"typo"}', '["x"]', '42']) {
      const res = await t.http
        .post(`/api/v1/payments/${paymentId}/approve`)
        .set(business.auth)
        .set('content-type', 'application/json')
        .send(body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const named = await t.http.post(`/api/v1/payments/${paymentId}/approve`).set(business.auth).send({ reason: 'typo' });
    expect(named.body.errors).toEqual([{ field: 'reason', message: 'property reason should not exist' }]);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const approved = await t.http.post(`/api/v1/payments/${paymentId}/approve`).set(business.auth).send({});
    expect(approved.status).toBe(200);
  });

  it('a JSON array or scalar body is a 400', async () => {
    for (const body of ['[]', '"x"', '42', 'null']) {
      const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
    }
  });

  it('a bad UUID in the path is a 400 naming the parameter', async () => {
    const customer = await registerCustomer(t);
    const res = await t.http.get('/api/v1/payments/not-a-uuid').set(customer.auth);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'paymentId', message: 'paymentId must be a UUID' }]);
  });

  it('text with U+0000 (which PostgreSQL cannot store) is a 400 naming its field, never a 500', async () => {
    const { business, customer, accountId } = await linkedPair(t);
    const claim = await t.http
      .post('/api/v1/payments')
      .set(customer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ businessId: business.businessId, amount: '10' });
    const nul = 'a\u0000b';
    const requests: [string, () => ReturnType<typeof t.http.get>][] = [
      [
        'name',
        () => t.http.post('/api/v1/auth/register').send({ role: 'customer', name: nul, phone: freshPhone(), password: 'correct horse' }),
      ],
      ['name', () => t.http.post('/api/v1/accounts').set(business.auth).send({ name: nul, phone: freshPhone() })],
      ['name', () => t.http.patch(`/api/v1/businesses/${business.businessId}`).set(business.auth).send({ name: nul })],
      [
        'notes',
        () =>
          t.http
            .post('/api/v1/payments')
            .set(customer.auth)
            .set('Idempotency-Key', randomUUID())
            .send({ businessId: business.businessId, amount: '10', notes: nul }),
      ],
      [
        'notes',
        () =>
          t.http.post(`/api/v1/accounts/${accountId}/transactions`).set(business.auth).send({ type: 'credit', amount: '1', notes: nul }),
      ],
      ['reason', () => t.http.post(`/api/v1/payments/${claim.body.id}/reject`).set(business.auth).send({ reason: nul })],
      ['q', () => t.http.get('/api/v1/payments').query({ q: nul }).set(business.auth)],
      ['q', () => t.http.get('/api/v1/accounts').query({ q: nul }).set(business.auth)],
    ];
    for (const [field, send] of requests) {
      const res = await send();
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors).toEqual([{ field, message: `${field} must not contain the NUL character (U+0000)` }]);
    }
  });

  describe('list cursors', () => {
    const cursor = (at: string, id: string = randomUUID()) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
    // Well-formed cursors (the grammar PostgreSQL prints) whose moment cannot exist.
    const impossible = [
      '2026-02-30 10:00:00+00',
      '2025-02-29 00:00:00+00',
      '0000-01-01 00:00:00+00',
      '2026-13-01 00:00:00+00',
      '2026-00-10 00:00:00+00',
      '2026-01-00 00:00:00+00',
      '2026-01-01 25:00:00+00',
      '2026-01-01 00:60:00+00',
      '2026-01-01 00:00:61+00',
      '2026-01-01 00:00:00+16',
      '2026-01-01 00:00:00+05:60',
    ];

    it('one whose timestamp cannot exist is a 400 naming cursor on every list, never a 500', async () => {
      const { business, customer } = await linkedPair(t);
      const lists: [string, { Authorization: string }][] = [
        ['/api/v1/payments', business.auth],
        ['/api/v1/payments', customer.auth],
        ['/api/v1/accounts', business.auth],
        ['/api/v1/accounts', customer.auth],
        ['/api/v1/accounts?sort=oldestDue', business.auth],
      ];
      for (const [path, auth] of lists) {
        for (const at of impossible) {
          const res = await t.http
            .get(path)
            .query({ cursor: cursor(at) })
            .set(auth);
          expect({ path, at, status: res.status }).toEqual({ path, at, status: 400 });
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'cursor' }] });
        }
        // A possible moment with an id that exists nowhere is simply a position: an empty page, not an error.
        for (const at of ['2024-02-29 23:59:59.999999+05:30', '0001-01-01 00:00:00+00', '9999-12-31 23:59:59-15']) {
          const res = await t.http
            .get(path)
            .query({ cursor: cursor(at, '00000000-0000-0000-0000-000000000000') })
            .set(auth);
          expect({ path, at, status: res.status }).toEqual({ path, at, status: 200 });
        }
      }
    });

    it('a list sorted by something else takes only that as its key: an entry number, an amount', async () => {
      const { business, accountId } = await linkedPair(t);
      const lists: [string, string[], string[]][] = [
        // The ledger reads in entry order: its key is a whole entry number.
        [
          `/api/v1/accounts/${accountId}/transactions`,
          ['-1', '1.5', '1e3', '0x10', ' 1', '1234567890', '2026-01-01 00:00:00+00', ''],
          ['0', '1', '999999999'],
        ],
        // Most owed first: its key is an amount with two decimals, within the numeric's precision.
        [
          '/api/v1/accounts?sort=owed',
          ['1.234', '1e5', '100', 'NaN', 'Infinity', '123456789012345.00', '1,000.00', '2026-01-01 00:00:00+00'],
          ['0.00', '-99999999.99', '99999999.99'],
        ],
      ];
      for (const [path, refused, positions] of lists) {
        for (const at of refused) {
          const res = await t.http
            .get(path)
            .query({ cursor: cursor(at) })
            .set(business.auth);
          expect({ path, at, status: res.status }).toEqual({ path, at, status: 400 });
          expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'cursor' }] });
        }
        for (const at of positions) {
          const res = await t.http
            .get(path)
            .query({ cursor: cursor(at) })
            .set(business.auth);
          expect({ path, at, status: res.status }).toEqual({ path, at, status: 200 });
        }
      }
    });
  });

  it('leaks no stack trace or SQL in errors', async () => {
    const customer = await registerCustomer(t);
    const res = await t.http
      .get(`/api/v1/payments?cursor=${Buffer.from('["2026-01-01 00:00:00+00","x"]').toString('base64url')}`)
      .set(customer.auth);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|SELECT|node_modules/);
  });
});
