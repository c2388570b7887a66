import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ProblemCode } from '../../src/problems/problem-code';
import { linkedPair, pendingClaim } from '../support/actors';
import { DocumentedOperation, documentedOperations } from '../support/openapi-operations';
import { databaseFingerprint } from '../support/snapshot';
import { startTestApp, TestApp } from '../support/test-app';
import { pick, recordFigures } from './mode';

/** Strings an attacker or a broken client sends. */
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
    'Infinity',
    '-0',
    '1e308',
    '0x10',
    ' 1',
    '99999999999999999999999999',
    '00000000-0000-0000-0000-000000000000',
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

/** Bodies as they go on the wire: JSON of the above, and text no JSON parser should accept quietly. */
function wire(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    fc.integer({ min: 100, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 100, max: 5000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    fc.integer({ min: 70_000, max: 200_000 }).map((size) => JSON.stringify({ notes: 'x'.repeat(size) })),
    fc.constantFrom('{', '{"amount": "1",}', '\u0000', '{"a":1}{"b":2}', 'undefined', '{"__proto__": {"admin": true}}', ''),
  );
}

interface World {
  businessId: string;
  accountId: string;
  paymentId: string;
  business: { Authorization: string };
  customer: { Authorization: string };
}

/** A request to one documented operation with something wrong in it. */
function hostileRequest(op: DocumentedOperation, world: fc.Arbitrary<World>) {
  const example = op.example ?? {};
  const fields = Object.keys(op.bodyProperties);
  const body = fc.oneof(
    // one field replaced by something hostile
    fields.length > 0 ? fc.tuple(fc.constantFrom(...fields), hostileValue).map(([k, v]) => ({ ...example, [k]: v })) : fc.constant(example),
    // fields missing
    fc.subarray(fields).map((drop) => Object.fromEntries(Object.entries(example).filter(([k]) => !drop.includes(k)))),
    // an extra field (mass assignment attempts included)
    fc
      .tuple(fc.constantFrom('status', 'approvedBy', 'businessId', 'currentBalance', 'role', '__proto__', 'constructor', 'x'), hostileValue)
      .map(([k, v]) => ({
        ...example,
        [k]: v,
      })),
    // not an object at all
    hostileValue,
  );
  const pathParam = fc.oneof(fc.constant('valid'), fc.constant('random'), nasty);
  const query = fc.dictionary(
    fc.constantFrom(...op.queryParams.map((p) => p.name), 'limit', 'cursor', 'status', 'extra'),
    nasty.filter((s) => !s.includes('\u0000')),
    {
      maxKeys: 3,
    },
  );
  const header = fc.record({
    idempotencyKey: fc.oneof(
      fc.constant(undefined),
      fc.uuid(),
      fc.string({ maxLength: 300 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    ),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      undefined,
    ),
    as: fc.constantFrom<'business' | 'customer' | 'garbage'>('business', 'customer', 'garbage'),
  });
  return fc.record({ world, body: wire(body), pathParam, query, header });
}

describe('hostile input (fast-check, generated from openapi.json)', () => {
  let t: TestApp;
  let worlds: World[];
  const counts = { requests: 0, status4xx: 0, status2xx: 0 };

  beforeAll(async () => {
    t = await startTestApp();
    worlds = [];
    for (let i = 0; i < 2; i++) {
      const pair = await linkedPair(t, '1000');
      const paymentId = await pendingClaim(t, pair.customer, pair.business.businessId, '10');
      worlds.push({
        businessId: pair.business.businessId,
        accountId: pair.accountId,
        paymentId,
        business: pair.business.auth,
        customer: pair.customer.auth,
      });
    }
  });
  afterAll(async () => {
    recordFigures('hostile-input', { operations: documentedOperations().length, ...counts });
    await t.close();
  });

  const operations = documentedOperations().filter((op) => !op.produces.includes('text/event-stream'));

  it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s: never a 500, every error is problem+json with a code, a 4xx changes nothing',
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(hostileRequest(op, fc.constantFrom(...worlds)), async ({ world, body, pathParam, query, header }) => {
          const ids: Record<string, string> = { businessId: world.businessId, accountId: world.accountId, paymentId: world.paymentId };
          const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
            encodeURIComponent(pathParam === 'valid' ? ids[name] : pathParam === 'random' ? randomUUID() : (pathParam as string)),
          );
          const before = await databaseFingerprint(t.db);
          let req = t.http[op.method](path).query(query);
          if (header.as !== 'garbage') req = req.set(world[header.as]);
          else req = req.set('Authorization', 'Bearer garbage');
          if (header.idempotencyKey !== undefined) req = req.set('Idempotency-Key', header.idempotencyKey);
          if (header.contentType) req = req.set('Content-Type', header.contentType);
          const res = op.method === 'get' ? await req : await req.send(body);
          counts.requests++;
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            counts.status4xx++;
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(Object.values(ProblemCode)).toContain(res.body.code);
            expect(await databaseFingerprint(t.db)).toEqual(before);
          } else {
            counts.status2xx++;
          }
        }),
        { numRuns: pick(25, 400), seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
      );
    },
  );
});
