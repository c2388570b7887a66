import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BusinessActor, CustomerActor, linkedPair, pendingClaim } from './support/actors';
import { databaseFingerprint } from './support/snapshot';
import { startTestApp, TestApp } from './support/test-app';

type Method = 'get' | 'post' | 'patch';
interface World {
  business: BusinessActor;
  customer: CustomerActor;
  accountId: string;
  paymentId: string;
}
interface Operation {
  method: Method;
  /** As in the OpenAPI document. */
  path: string;
  /** Who may call it; anyone else authenticated gets 403. Undefined: any authenticated user. */
  role?: 'business' | 'customer';
  /** Whether it reads or changes an object that belongs to someone (then a stranger of the right role gets 404). */
  owned: boolean;
  body?: (w: World) => object;
}

/** Every authenticated operation. A new operation in the document must be added here (see the first test). */
const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/v1/me', owned: false },
  { method: 'get', path: '/api/v1/businesses/{businessId}', owned: true },
  { method: 'patch', path: '/api/v1/businesses/{businessId}', role: 'business', owned: true, body: () => ({ name: 'Hijacked' }) },
  { method: 'post', path: '/api/v1/businesses/{businessId}/join-code', role: 'business', owned: true },
  { method: 'post', path: '/api/v1/accounts', role: 'business', owned: false, body: () => ({ name: 'X', phone: '9000000001' }) },
  { method: 'post', path: '/api/v1/accounts/join', role: 'customer', owned: false, body: () => ({ joinCode: 'ZZZZZZZZ' }) },
  { method: 'get', path: '/api/v1/accounts', owned: false },
  { method: 'get', path: '/api/v1/accounts/{accountId}', owned: true },
  {
    method: 'post',
    path: '/api/v1/accounts/{accountId}/transactions',
    role: 'business',
    owned: true,
    body: () => ({ type: 'credit', amount: '1' }),
  },
  { method: 'get', path: '/api/v1/accounts/{accountId}/transactions', owned: true },
  {
    method: 'post',
    path: '/api/v1/payments',
    role: 'customer',
    owned: true,
    body: (w) => ({ businessId: w.business.businessId, amount: '1' }),
  },
  { method: 'get', path: '/api/v1/payments', owned: false },
  { method: 'get', path: '/api/v1/payments/stats', role: 'business', owned: false },
  { method: 'get', path: '/api/v1/payments/{paymentId}', owned: true },
  { method: 'post', path: '/api/v1/payments/{paymentId}/approve', role: 'business', owned: true },
  { method: 'post', path: '/api/v1/payments/{paymentId}/reject', role: 'business', owned: true, body: () => ({ reason: 'no' }) },
  { method: 'post', path: '/api/v1/payments/{paymentId}/cancel', role: 'customer', owned: true },
  { method: 'get', path: '/api/v1/payments/{paymentId}/history', owned: true },
  { method: 'post', path: '/api/v1/dev/test-payments', role: 'business', owned: false },
  // Streams; who receives which event is tested in events.test.ts.
  { method: 'get', path: '/api/v1/events', owned: false },
];
const PUBLIC = [
  'post /api/v1/auth/register',
  'post /api/v1/auth/login',
  'post /api/v1/auth/refresh',
  'post /api/v1/auth/logout',
  'get /api/v1/config',
  'get /api/v1/health/live',
  'get /api/v1/health/ready',
];

describe('authorization matrix', () => {
  let t: TestApp;
  let owner: World;
  let stranger: World;

  beforeAll(async () => {
    t = await startTestApp();
    const make = async (): Promise<World> => {
      const pair = await linkedPair(t, '100');
      return { ...pair, paymentId: await pendingClaim(t, pair.customer, pair.business.businessId, '10') };
    };
    owner = await make();
    stranger = await make();
  });
  afterAll(() => t.close());

  const url = (op: Operation, w: World) =>
    op.path.replace('{businessId}', w.business.businessId).replace('{accountId}', w.accountId).replace('{paymentId}', w.paymentId);
  function send(op: Operation, w: World, auth?: { Authorization: string }) {
    const req = t.http[op.method](url(op, w)).set('Idempotency-Key', randomUUID());
    if (auth) req.set(auth);
    return op.body ? req.send(op.body(w)) : req;
  }

  it('covers every operation of the OpenAPI document', async () => {
    // The committed document (checked against the application for drift elsewhere).
    const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const inDocument = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    const covered = [...OPERATIONS.map((op) => `${op.method} ${op.path}`), ...PUBLIC];
    expect(inDocument.sort()).toEqual(covered.sort());
  });

  describe.each(OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s', (_name, op) => {
    it('anonymous: 401, nothing changed', async () => {
      const before = await databaseFingerprint(t.db);
      const res = await send(op, owner);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    if (op.role) {
      it('the wrong role: 403 whatever the object, nothing changed', async () => {
        const before = await databaseFingerprint(t.db);
        const wrong = op.role === 'business' ? owner.customer : owner.business;
        for (const w of [owner, stranger]) {
          const res = await send(op, w, wrong.auth);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN_ROLE');
        }
        expect(await databaseFingerprint(t.db)).toEqual(before);
      });
    }

    if (op.owned) {
      it("another business's or customer's object: 404, nothing changed", async () => {
        const before = await databaseFingerprint(t.db);
        const callers =
          op.role === 'business'
            ? [stranger.business]
            : op.role === 'customer'
              ? [stranger.customer]
              : [stranger.business, stranger.customer];
        for (const caller of callers) {
          const res = await send(op, owner, caller.auth);
          expect(res.status).toBe(404);
          expect(res.body.code).toMatch(/NOT_FOUND$/);
          // The answer reveals nothing of the object: it is the same 404 a random id gets.
          expect(JSON.stringify(res.body)).not.toContain(owner.customer.phone);
        }
        expect(await databaseFingerprint(t.db)).toEqual(before);
      });
    }
  });

  it('lists never show another tenant', async () => {
    for (const [caller, foreign] of [
      [owner.business, stranger],
      [owner.customer, stranger],
    ] as const) {
      const payments = await t.http.get('/api/v1/payments').set(caller.auth);
      const accounts = await t.http.get('/api/v1/accounts').set(caller.auth);
      const text = JSON.stringify([payments.body, accounts.body]);
      expect(text).not.toContain(foreign.paymentId);
      expect(text).not.toContain(foreign.accountId);
      expect(payments.body.items.length).toBeGreaterThan(0);
    }
  });
});
