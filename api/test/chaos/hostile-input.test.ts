/**
 * Hostile input, generated from the committed OpenAPI document and the database schema.
 *
 * Every request starts as a valid one (the operation's documented example, with the ids, codes, tokens and fresh
 * phone numbers of a real "world": a business and a customer with an account) and then gets one or two things
 * wrong. What goes wrong is derived (./boundaries.ts): every string at its documented and its column's length and
 * one past, in characters that JavaScript, validators and PostgreSQL count differently; amounts at their column's
 * precision and scale; integers at their range and at integer type limits; ids and cursors that parse but name
 * nothing; header numbers past integer ranges; bodies at and past the size limit, whole, streamed and chunked; a
 * Content-Length that lies; other content types and credentials. Beside these, the classic fast-check mutations:
 * wrong types, missing and extra fields, deep and invalid JSON, injection strings.
 *
 * The API runs as a process of its own (api/dist), so the client's writes race the server's answer as they do on
 * a network. Invariants, checked on every answer: an answer arrives; never a 5xx; every error is problem+json with
 * a known code; a 400 names the field that was wrong; a 4xx changes no row. At the end the ledger invariants hold.
 *
 * Each operation first gets every derived value once (the sweep), then random combinations (fast-check).
 */
import fc from 'fast-check';
import { randomInt, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import request from 'supertest';
import { BODY_LIMIT_BYTES } from '../../src/app.factory';
import { ProblemCode } from '../../src/problems/problem-code';
import { BusinessActor, CustomerActor, freshPhone, linkedPair, PASSWORD } from '../support/actors';
import { invariantViolations } from '../support/invariants';
import { DocumentedOperation, documentedOperations, resolveSchema } from '../support/openapi-operations';
import { installWriteCounter, rowWrites } from '../support/snapshot';
import { createTestDatabase, testPool } from '../support/test-database';
import * as derive from './boundaries';
import { ApiProcess } from './harness';
import { Answer, HostileRequest, rawRequest, send } from './hostile-http';
import { LONG, pick, recordFigures } from './mode';

/**
 * 5xx that other branches fix, recognised by what the API logged: reported (in the results file and the output),
 * not failed on. Remove an entry once its fix is merged.
 */
const KNOWN_ELSEWHERE: { what: string; operationId?: string; log: RegExp }[] = [];

type Role = 'business' | 'customer';

interface World {
  name: string;
  business: BusinessActor;
  customer: CustomerActor;
  accountId: string;
  joinCode: string;
  /** The customer's live refresh token (each refresh spends it). */
  refreshToken: string | null;
  /** Set when the account's balance is kept at the most its column holds, less than one largest entry. */
  balanceLimit?: { target: bigint; largest: bigint; scale: number };
}

/** An otherwise valid request, before it is put on the wire. */
interface Plan {
  op: DocumentedOperation;
  world: World;
  auth: string | null;
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
}

/** One thing wrong with a request. */
interface Mutation {
  family: string;
  label: string;
  /** The field a 400 must name. */
  field?: string;
  /** Documented as valid for its field (an enumeration's value): the sweep sends it in every world. */
  valid?: boolean;
  plan?: (plan: Plan) => void;
  wire?: (request: HostileRequest, plan: Plan) => HostileRequest;
}

interface Finding {
  kind: string;
  count: number;
  example: string;
}

const KNOWN_CODES = new Set<string>(Object.values(ProblemCode));

describe('hostile input (derived from openapi.json and the database schema)', () => {
  let api: ApiProcess;
  let base: URL;
  let db: Pool;
  let dropDatabase: () => Promise<void>;
  let http: ReturnType<typeof request>;
  let columns: derive.Column[];
  let worlds: World[];
  /** Rows written up to the end of the last request, if nothing ran since (see installWriteCounter). */
  let version: string | null = null;
  const started = Date.now();
  const counts = { requests: 0, accepted2xx: 0, refused4xx: 0, status5xx: 0, unanswered: 0, sweep: 0, random: 0, setupRequests: 0 };
  const families: Record<string, number> = {};
  const findings = new Map<string, Finding>();
  const knownElsewhere = new Map<string, Finding>();

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    db = testPool(database.url, 2);
    api = await ApiProcess.create(database.url, { DEV_ENDPOINTS: 'true', ACCESS_TOKEN_TTL_SECONDS: '86400' });
    await api.start();
    base = new URL(api.url);
    http = request(api.url);
    columns = await derive.loadColumns(db);
    await installWriteCounter(db);
    worlds = [
      await makeWorld('world A', '1000'),
      await makeWorld('world B', '1000'),
      await makeWorldAtTheLimit('world at the balance limit'),
    ];
  }, 300_000);

  afterAll(async () => {
    recordFigures('hostile-input', {
      operations: operations.length,
      ...counts,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      families,
      violations: [...findings.values()],
      knownElsewhere: [...knownElsewhere.values()],
    });
    await api?.kill('SIGTERM');
    await db?.end();
    await dropDatabase?.();
  });

  // -------------------------------------------------------------------------------------------------------------
  // Worlds

  async function makeWorld(name: string, credit?: string): Promise<World> {
    const pair = await linkedPair({ http }, credit);
    counts.setupRequests += credit ? 6 : 5;
    return {
      name,
      business: pair.business,
      customer: pair.customer,
      accountId: pair.accountId,
      joinCode: pair.business.joinCode,
      refreshToken: pair.customer.refreshToken,
    };
  }

  /**
   * A world whose account's balance sits at the most it may hold: the largest entry (`transactions.amount`, from
   * information_schema) as many times as the balance can take, within both its column and its range constraint
   * (`customer_credits_balance_range`, read from pg_constraint). Written to the ledger (whose trigger moves the
   * balance), and again before each request to this world, since payments and approvals lower the balance.
   */
  async function makeWorldAtTheLimit(name: string): Promise<World> {
    const world = await makeWorld(name);
    const units = (c: derive.Column) => 10n ** BigInt(c.precision!) - 1n; // the largest value, in units of the scale
    const balance = derive.columnsOf('current_balance', columns).find((c) => c.table === 'customer_credits')!;
    const amount = derive.columnsOf('amount', columns).find((c) => c.table === 'transactions')!;
    const { rows } = await db.query(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'customer_credits_balance_range'`,
    );
    const bounds = [...String(rows[0]?.definition ?? '').matchAll(/(\d+)\.(\d+)/g)].map(
      ([, whole, fraction]) => BigInt(whole) * 10n ** BigInt(balance.scale!) + BigInt(fraction.padEnd(balance.scale!, '0')),
    );
    const most = [units(balance), ...bounds].reduce((a, b) => (b < a ? b : a));
    const largest = units(amount);
    world.balanceLimit = { target: (most / largest) * largest, largest, scale: amount.scale! };
    await backToTheLimit(world);
    return world;
  }

  async function backToTheLimit(world: World): Promise<void> {
    const { target, largest, scale } = world.balanceLimit!;
    const { rows } = await db.query(`SELECT current_balance::text AS balance FROM customer_credits WHERE id = $1`, [world.accountId]);
    const [whole, fraction = ''] = (rows[0].balance as string).split('.');
    const current = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0') * (whole.startsWith('-') ? -1n : 1n);
    const deficit = target - current;
    if (deficit <= 0n) return;
    const decimal = (units: bigint) => `${units / 10n ** BigInt(scale)}.${(units % 10n ** BigInt(scale)).toString().padStart(scale, '0')}`;
    version = null;
    await db.query(
      `INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by)
       SELECT a.business_id, a.customer_id, a.id, e.amount, 'credit', 'back to the limit', $2
         FROM customer_credits a, (SELECT $3::numeric AS amount FROM generate_series(1, $4::int)
                                   UNION ALL SELECT $5::numeric WHERE $5::numeric > 0) e
        WHERE a.id = $1`,
      [world.accountId, world.business.userId, decimal(largest), Number(deficit / largest), decimal(deficit % largest)],
    );
  }

  async function pendingPaymentOf(world: World): Promise<string> {
    const { rows } = await db.query(
      `SELECT transaction_id FROM pending_payments WHERE account_id = $1 AND status = 'pending' ORDER BY created_at DESC LIMIT 1`,
      [world.accountId],
    );
    if (rows[0]) return rows[0].transaction_id;
    counts.setupRequests++;
    version = null;
    const res = await http
      .post('/api/v1/payments')
      .set(world.customer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ businessId: world.business.businessId, amount: '10' });
    if (res.status !== 201) throw new Error(`a pending claim for ${world.name}: ${res.status} ${res.text}`);
    return res.body.id;
  }

  /** Keeps the account under its limit of pending claims, so that a claim can be accepted. */
  async function roomForAClaim(world: World): Promise<void> {
    const { rows } = await db.query(
      `SELECT transaction_id FROM pending_payments WHERE account_id = $1 AND status = 'pending' ORDER BY created_at`,
      [world.accountId],
    );
    for (const row of rows.slice(0, Math.max(0, rows.length - 8))) {
      counts.setupRequests++;
      version = null;
      await http.post(`/api/v1/payments/${row.transaction_id}/cancel`).set(world.customer.auth);
    }
  }

  async function refreshTokenOf(world: World): Promise<string> {
    if (!world.refreshToken) {
      counts.setupRequests++;
      version = null;
      const res = await http.post('/api/v1/auth/login').send({ phone: world.customer.phone, password: PASSWORD });
      world.refreshToken = res.body.refreshToken;
    }
    return world.refreshToken!;
  }

  const otherWorld = (world: World) => worlds[(worlds.indexOf(world) + 1) % worlds.length];
  const freshUtr = () => String(randomInt(1e11, 1e12));

  /** The operation's documented example, made valid for this world. */
  async function validPlan(op: DocumentedOperation, world: World): Promise<Plan> {
    const role: Role = op.roles?.[0] ?? (counts.requests % 2 === 0 ? 'business' : 'customer');
    const actor = role === 'business' ? world.business : world.customer;
    const plan: Plan = {
      op,
      world,
      auth: op.secured ? actor.auth.Authorization : null,
      path: {},
      query: {},
      headers: {},
      body: op.example === undefined ? undefined : { ...op.example },
    };
    if (world.balanceLimit) await backToTheLimit(world);
    for (const name of op.pathParams) {
      if (name === 'businessId') plan.path[name] = world.business.businessId;
      else if (name === 'accountId') plan.path[name] = world.accountId;
      else if (name === 'paymentId') plan.path[name] = await pendingPaymentOf(world);
    }
    for (const header of op.headers) if (header.name === 'Idempotency-Key') plan.headers[header.name] = randomUUID();
    if (op.queryParams.some((q) => q.name === 'joinCode')) plan.query.joinCode = world.joinCode;
    const body = plan.body as Record<string, unknown> | undefined;
    if (body) {
      if ('phone' in body) body.phone = op.operationId === 'login' ? world.customer.phone : freshPhone();
      if ('businessId' in body) body.businessId = world.business.businessId;
      if ('joinCode' in body) body.joinCode = otherWorld(world).joinCode;
      if ('utr' in body) body.utr = freshUtr();
      if ('refreshToken' in body) body.refreshToken = await refreshTokenOf(world);
      if ('password' in body) body.password = PASSWORD;
    }
    if (op.operationId === 'submitPayment') await roomForAClaim(world);
    return plan;
  }

  // -------------------------------------------------------------------------------------------------------------
  // What can go wrong, derived per operation

  const set = (where: 'body' | 'query' | 'path' | 'headers', name: string, value: unknown) => (plan: Plan) => {
    if (where === 'body') plan.body = { ...(plan.body as object), [name]: value };
    else if (where === 'path') plan.path[name] = String(value);
    else if (where === 'headers') plan.headers[name] = String(value);
    else plan.query[name] = value;
  };

  function knownIds(world: World): Record<string, string> {
    const other = otherWorld(world);
    return {
      "another business's account": other.accountId,
      'another business': other.business.businessId,
      'this world’s business, as another id': world.business.businessId,
      'this world’s account, as another id': world.accountId,
      'a customer (not an account)': world.customer.customerId,
      'a user (not a business)': world.business.userId,
    };
  }

  function derivedMutations(op: DocumentedOperation, world: World): Mutation[] {
    const out: Mutation[] = [];
    const add = (family: string, where: 'body' | 'query' | 'path' | 'headers', field: string, boundaries: derive.Boundary[]) => {
      // A value the field accepts may make the request wrong elsewhere (role "customer" with a shop name): only a
      // value the field itself refuses must be named by the 400.
      for (const b of boundaries) {
        out.push({ family, label: b.label, field: b.valid ? undefined : field, valid: b.valid, plan: set(where, field, b.value) });
      }
    };
    const valuesFor = (field: string, schema: Record<string, unknown>): derive.Boundary[] => {
      const s = resolveSchema(schema);
      const mapped = derive.columnsOf(field, columns);
      if (field === 'cursor') return derive.cursorBoundaries();
      if (s.format === 'uuid') return derive.idBoundaries(field, knownIds(world));
      if (s.type === 'integer' || s.type === 'number') return derive.integerBoundaries(field, s, mapped);
      if (s.enum) return derive.enumBoundaries(field, s);
      const decimal = mapped.some((c) => c.dataType === 'numeric');
      return [...(decimal ? derive.decimalBoundaries(field, s, mapped) : []), ...derive.stringBoundaries(field, s, mapped, LONG)];
    };
    for (const [field, schema] of Object.entries(op.bodyProperties)) add('field', 'body', field, valuesFor(field, schema));
    for (const q of op.queryParams) add(q.name === 'cursor' ? 'cursor' : 'query', 'query', q.name, valuesFor(q.name, q.schema));
    for (const name of op.pathParams) add('id', 'path', name, derive.idBoundaries(name, knownIds(world)));
    for (const header of op.headers) {
      const mapped = derive.columnsOf(header.name, columns);
      const numeric = mapped.some((c) => ['bigint', 'integer', 'smallint'].includes(c.dataType));
      add('header', 'headers', header.name, [
        ...derive.stringBoundaries(header.name, header.schema, mapped, LONG),
        ...(numeric ? derive.integerBoundaries(header.name, header.schema, mapped) : []),
      ]);
    }
    if (op.method !== 'get') out.push(...transportMutations());
    out.push(...authMutations(op));
    return out;
  }

  /** Bodies at and past the size limit, in every framing; other content types; a Content-Length that lies. */
  function transportMutations(): Mutation[] {
    const out: Mutation[] = [];
    const padded = (size: number) => (plan: Plan) => {
      const body = JSON.stringify({ ...(plan.body as object), padding: '' });
      plan.body = { ...(plan.body as object), padding: 'x'.repeat(Math.max(0, size - Buffer.byteLength(body))) };
    };
    for (const [label, size] of [
      ['exactly the body limit', BODY_LIMIT_BYTES],
      ['one byte past the body limit', BODY_LIMIT_BYTES + 1],
      ['100 KiB', 100 * 1024],
      ['1 MiB', 1024 * 1024],
    ] as const) {
      for (const framing of ['whole', 'streamed', 'chunked'] as const) {
        out.push({ family: 'size', label: `a body of ${label}, ${framing}`, plan: padded(size), wire: (r) => ({ ...r, framing }) });
      }
    }
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/merge-patch+json',
      'application/json, text/plain',
      '',
    ]) {
      out.push({
        family: 'content-type',
        label: `Content-Type "${type}"`,
        wire: (r) => ({ ...r, headers: { ...r.headers, 'content-type': type } }),
      });
    }
    out.push({
      family: 'content-type',
      label: 'no Content-Type with a body',
      wire: (r) => {
        const headers = { ...r.headers };
        delete headers['content-type'];
        return { ...r, headers };
      },
    });
    const lying = (label: string, contentLength: (actual: number) => string, incomplete = false): Mutation => ({
      family: 'content-length',
      label,
      wire: (r) => {
        const actual = Buffer.byteLength(r.body ?? '');
        return { ...r, raw: rawRequest(base, r, contentLength(actual)), incomplete };
      },
    });
    out.push(
      // The body cut short is not JSON, so no handler runs before the rest fails as a second request.
      lying('Content-Length one less than the body', (n) => String(Math.max(0, n - 1))),
      lying('Content-Length one more than the body (the body never completes)', (n) => String(n + 1), true),
    );
    for (const [label, value] of [
      ['2^31', String(2 ** 31)],
      ['2^53 + 1', (2n ** 53n + 1n).toString()],
      ['2^63', (2n ** 63n).toString()],
      ['2^64', (2n ** 64n).toString()],
      ['20 nines', '9'.repeat(20)],
      ['-1', '-1'],
      ['1.0', '1.0'],
      ['0x10', '0x10'],
      ['"5, 6"', '5, 6'],
    ]) {
      out.push(lying(`Content-Length ${label}`, () => value, true));
    }
    out.push({
      family: 'content-length',
      label: 'both Content-Length and chunked',
      wire: (r) => {
        const head = rawRequest(base, r, String(Buffer.byteLength(r.body ?? ''))).toString('utf8');
        const raw = head.replace('\r\n\r\n', '\r\nTransfer-Encoding: chunked\r\n\r\n');
        return { ...r, raw: Buffer.from(raw, 'utf8') };
      },
    });
    return out;
  }

  function authMutations(op: DocumentedOperation): Mutation[] {
    if (!op.secured) return [];
    const out: Mutation[] = [
      { family: 'auth', label: 'no credentials', plan: (p) => void (p.auth = null) },
      { family: 'auth', label: 'a token that is not a JWT', plan: (p) => void (p.auth = 'Bearer garbage') },
      { family: 'auth', label: 'Bearer and nothing', plan: (p) => void (p.auth = 'Bearer ') },
      { family: 'auth', label: 'Basic credentials', plan: (p) => void (p.auth = `Basic ${Buffer.from('a:b').toString('base64')}`) },
      { family: 'auth', label: 'the same role in another world', plan: (p) => void (p.auth = tokenOf(otherWorld(p.world), roleOf(p))) },
    ];
    if (op.roles?.length === 1) {
      out.push({
        family: 'auth',
        label: 'the other role',
        plan: (p) => void (p.auth = tokenOf(p.world, op.roles![0] === 'business' ? 'customer' : 'business')),
      });
    }
    return out;
  }

  const tokenOf = (world: World, role: Role) => (role === 'business' ? world.business : world.customer).auth.Authorization;
  const roleOf = (plan: Plan): Role => (plan.auth === plan.world.customer.auth.Authorization ? 'customer' : 'business');

  // -------------------------------------------------------------------------------------------------------------
  // The classic mutations (fast-check), kept from the first version of this suite

  const nasty = fc.oneof(
    fc.constantFrom(
      "' OR '1'='1",
      "'; DROP TABLE pending_payments; --",
      '"); SELECT pg_sleep(10); --',
      '<script>alert(1)</script>',
      '{{7*7}}',
      '${jndi:ldap://x}',
      '../../etc/passwd',
      '\u0000',
      '\u202e\u0000\u0007',
      '💸₹१२३',
      'NaN',
      '-0',
      '1e308',
      '99999999999999999999999999',
      'null',
      '',
    ),
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.string({ maxLength: 3000 }),
  );
  const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
    nasty,
    fc.integer(),
    fc.double(),
    fc.constantFrom(1.5, -1, 0, 1e21, Number.MAX_SAFE_INTEGER, true, false, null),
    fc.array(nasty, { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 4 }),
    fc.integer({ min: 1, max: 40 }).map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))),
  );

  function classicMutation(op: DocumentedOperation): fc.Arbitrary<Mutation> {
    const fields = Object.keys(op.bodyProperties);
    const options: fc.Arbitrary<Mutation>[] = [
      fc
        .tuple(
          fc.constantFrom('status', 'approvedBy', 'businessId', 'currentBalance', 'role', '__proto__', 'constructor', 'x'),
          hostileValue,
        )
        .map(([k, v]) => ({
          family: 'classic',
          label: `an extra field ${k}`,
          plan: (p: Plan) => void (p.body = { ...(p.body as object), [k]: v }),
        })),
      hostileValue.map((v) => ({ family: 'classic', label: 'a body that is not an object', plan: (p: Plan) => void (p.body = v) })),
      fc
        .constantFrom(
          '{',
          '{"amount": "1",}',
          '\u0000',
          '{"a":1}{"b":2}',
          'undefined',
          '{"__proto__": {"admin": true}}',
          '['.repeat(3000) + ']'.repeat(3000),
          '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
        )
        .map((text) => ({
          family: 'classic',
          label: `the body ${JSON.stringify(text.slice(0, 20))}`,
          wire: (r: HostileRequest) => ({ ...r, body: text }),
        })),
      fc
        .tuple(fc.constantFrom(...op.queryParams.map((q) => q.name), 'limit', 'cursor', 'extra'), nasty)
        .map(([k, v]) => ({ family: 'classic', label: `query ${k} = a nasty string`, plan: (p: Plan) => void (p.query[k] = v) })),
    ];
    if (fields.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...fields), hostileValue).map(([k, v]) => ({
          family: 'classic',
          label: `${k} = a hostile value`,
          plan: (p: Plan) => void (p.body = { ...(p.body as object), [k]: v }),
        })),
        fc.subarray(fields, { minLength: 1 }).map((drop) => ({
          family: 'classic',
          label: `without ${drop.join(', ')}`,
          plan: (p: Plan) => void (p.body = Object.fromEntries(Object.entries(p.body as object).filter(([k]) => !drop.includes(k)))),
        })),
      );
    }
    if (op.pathParams.length > 0) {
      options.push(
        nasty.map((v) => ({ family: 'classic', label: 'a nasty path parameter', plan: (p: Plan) => void (p.path[op.pathParams[0]] = v) })),
      );
    }
    return fc.oneof(...options);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Sending and checking

  function toRequest(plan: Plan): HostileRequest {
    const path = plan.op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(plan.path[name] ?? ''));
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(plan.query)) {
      for (const item of Array.isArray(v) ? v : [v]) query.append(k, typeof item === 'string' ? item : JSON.stringify(item));
    }
    const headers: Record<string, string> = { ...plan.headers };
    if (plan.auth !== null) headers.authorization = plan.auth;
    const hasBody = plan.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    return {
      method: plan.op.method.toUpperCase(),
      target: query.size > 0 ? `${path}?${query}` : path,
      headers,
      body: hasBody ? (JSON.stringify(plan.body) ?? 'null') : undefined,
    };
  }

  function describeRequest(r: HostileRequest): string {
    const body = r.raw ? r.raw.toString('utf8') : (r.body ?? '');
    const shown = body.length > 300 ? `${body.slice(0, 300)}... (${body.length} characters)` : body;
    const headers = Object.entries(r.headers)
      .filter(([k]) => k !== 'authorization')
      .map(([k, v]) => `${k}: ${v.length > 80 ? `${v.slice(0, 80)}... (${v.length})` : v}`);
    return `${r.method} ${r.target.length > 300 ? `${r.target.slice(0, 300)}...` : r.target}${r.framing ? ` [${r.framing}]` : ''}${
      r.raw ? ' [raw]' : ''
    } ${JSON.stringify(headers)} ${JSON.stringify(shown)}`;
  }

  function record(map: Map<string, Finding>, kind: string, example: string) {
    const finding = map.get(kind) ?? { kind, count: 0, example };
    finding.count++;
    map.set(kind, finding);
  }

  /** What the API logged for this request's 5xx: the problem filter logs `METHOD url: stack`. */
  function serverLogFor(r: HostileRequest): string {
    const logs = api.logs();
    const at = logs.lastIndexOf(`${r.method} ${r.target.split('?')[0]}`);
    return at >= 0 ? logs.slice(at, at + 1500) : logs.slice(-1500);
  }

  /** The error's first line in that log ("QueryFailedError: value too long for type character varying(100)"). */
  const errorLine = (log: string) => /: (\w*Error: [^\n]*)/.exec(log)?.[1]?.slice(0, 120) ?? 'no error logged';

  async function attempt(op: DocumentedOperation, world: World, mutations: Mutation[], phase: 'sweep' | 'random'): Promise<void> {
    const plan = await validPlan(op, world);
    for (const m of mutations) m.plan?.(plan);
    let req = toRequest(plan);
    for (const m of mutations) if (m.wire) req = m.wire(req, plan);
    const before = version ?? (await rowWrites(db));
    const answer = await send(base, req);
    counts.requests++;
    counts[phase]++;
    for (const m of mutations) families[m.family] = (families[m.family] ?? 0) + 1;
    const what = mutations.map((m) => m.label).join(' + ') || 'the valid request';
    const problem = check(answer, req, mutations);
    version = null;
    if ('status' in answer && answer.status >= 400 && answer.status < 500) {
      counts.refused4xx++;
      version = await rowWrites(db);
      if (version !== before)
        record(findings, `${op.operationId}: a ${answer.status} changed the database`, `${what}: ${describeRequest(req)}`);
    } else if ('status' in answer && answer.status < 400) {
      counts.accepted2xx++;
      learnFrom(plan, answer);
    } else if ('status' in answer) counts.status5xx++;
    else counts.unanswered++;
    if (problem) {
      const log = 'status' in answer && answer.status >= 500 ? serverLogFor(req) : '';
      const known = KNOWN_ELSEWHERE.find((k) => (!k.operationId || k.operationId === op.operationId) && k.log.test(log));
      const example = `${what}: ${describeRequest(req)} -> ${'status' in answer ? `${answer.status} ${answer.text.slice(0, 200)}` : answer.failure}`;
      if (known) record(knownElsewhere, known.what, example);
      else {
        const cause = log ? ` [${errorLine(log)}]` : '';
        record(
          findings,
          `${op.operationId}: ${problem} (${mutations.map((m) => m.field ?? m.family).join(' + ') || 'valid'})${cause}`,
          example,
        );
      }
    }
  }

  /** The first invariant the answer breaks, if any. */
  function check(answer: Answer, req: HostileRequest, mutations: Mutation[]): string | null {
    if ('failure' in answer) return req.incomplete ? null : `no answer (${answer.failure})`;
    if (answer.status >= 500) return `a ${answer.status}`;
    if (answer.status < 400) return null;
    if (!/^application\/problem\+json/.test(answer.contentType))
      return `a ${answer.status} that is not problem+json (${answer.contentType})`;
    let body: { code?: string; errors?: { field: string }[] };
    try {
      body = JSON.parse(answer.text);
    } catch {
      return `a ${answer.status} whose body is not JSON`;
    }
    if (!body.code || !KNOWN_CODES.has(body.code)) return `a ${answer.status} with an unknown code ${body.code}`;
    const fields = mutations.map((m) => m.field).filter((f): f is string => f !== undefined);
    if (body.code === ProblemCode.ValidationFailed && body.errors && mutations.length === 1 && fields.length === 1) {
      if (!body.errors.some((e) => e.field === fields[0] || e.field.startsWith(`${fields[0]}.`))) {
        return `a 400 that does not name ${fields[0]} (it names ${body.errors.map((e) => e.field).join(', ')})`;
      }
    }
    return null;
  }

  /** Keeps the worlds' tokens and codes current after an accepted request changed them. */
  function learnFrom(plan: Plan, answer: { text: string }) {
    const id = plan.op.operationId;
    if (id !== 'refresh' && id !== 'logout' && id !== 'regenerateJoinCode') return;
    const body = JSON.parse(answer.text || '{}');
    const token = (plan.body as { refreshToken?: string } | undefined)?.refreshToken;
    if (id === 'regenerateJoinCode' && plan.path.businessId === plan.world.business.businessId) plan.world.joinCode = body.joinCode;
    if (id === 'refresh' && token === plan.world.refreshToken) plan.world.refreshToken = body.refreshToken;
    if (id === 'logout' && token === plan.world.refreshToken) plan.world.refreshToken = null;
  }

  // -------------------------------------------------------------------------------------------------------------

  const operations = documentedOperations();
  const RANDOM_RUNS = pick(10, 3600);

  it('every string the API takes in a body or query is bounded in the document', () => {
    const unbounded: string[] = [];
    for (const op of operations) {
      const strings = [
        ...Object.entries(op.bodyProperties).map(([name, schema]) => [`body ${name}`, schema] as const),
        ...op.queryParams.map((q) => [`query ${q.name}`, q.schema] as const),
        ...op.headers.map((h) => [`header ${h.name}`, h.schema] as const),
      ];
      for (const [where, raw] of strings) {
        const schema = resolveSchema(raw);
        if (schema.type !== 'string' || schema.enum || schema.format === 'uuid') continue;
        if (schema.maxLength === undefined && !/\{\d+(,\d+)?\}\$$/.test(schema.pattern ?? ''))
          unbounded.push(`${op.operationId}: ${where}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s: an answer, never a 5xx, every error problem+json with its code and field, a 4xx changes nothing',
    async (_name, op) => {
      const swept = derivedMutations(op, worlds[0]);
      for (const [i, mutation] of swept.entries()) {
        for (const world of mutation.valid ? worlds : [worlds[i % worlds.length]]) await attempt(op, world, [mutation], 'sweep');
      }
      for (const world of worlds) await attempt(op, world, [], 'sweep');

      const one = swept.length > 0 ? fc.constantFrom(...swept) : classicMutation(op);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(worlds.length - 1),
          fc.oneof(
            { weight: 5, arbitrary: one.map((m) => [m]) },
            { weight: 2, arbitrary: fc.tuple(one, one).map(([a, b]) => [a, b]) },
            { weight: 3, arbitrary: classicMutation(op).map((m) => [m]) },
          ),
          async (w, mutations) => {
            await attempt(op, worlds[w], mutations, 'random');
          },
        ),
        { numRuns: RANDOM_RUNS, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
      );

      const mine = [...findings.values()].filter((f) => f.kind.startsWith(`${op.operationId}:`));
      expect(mine.map((f) => `${f.kind} x${f.count}\n    e.g. ${f.example}`)).toEqual([]);
    },
    pick(120_000, 3_600_000),
  );

  it('the ledger is sound after all of it', async () => {
    expect(await invariantViolations(db)).toEqual({});
  });
});
