import { randomUUID } from 'node:crypto';
import { recordFigures } from './chaos/mode';
import { BusinessActor, CustomerActor, linkedPair, pendingClaim } from './support/actors';
import { DocumentedOperation, documentedOperations } from './support/openapi-operations';
import { databaseFingerprint } from './support/snapshot';
import { startTestApp, TestApp } from './support/test-app';

const SCOPES = ['payments:read', 'payments:decide', 'accounts:read', 'accounts:write', 'webhooks:manage'];

type KeyAuth = { 'X-Api-Key': string };

interface World {
  business: BusinessActor;
  customer: CustomerActor;
  accountId: string;
  paymentId: string;
  entryId: string;
  /** A key of the business that no test uses: the object of its key operations (revoke). */
  apiKeyId: string;
  keys: {
    /** Every scope. */
    all: KeyAuth;
    /** Every scope but this one. */
    without: Record<string, KeyAuth>;
    /** This scope only. */
    only: Record<string, KeyAuth>;
  };
  endpointId: string;
  deliveryId: string;
}

/**
 * Generated from the committed OpenAPI document, so a new endpoint cannot escape it: every secured operation is
 * called anonymously (401), with the wrong role where `x-roles` restricts it (403, whatever the object), and by
 * another tenant on the owner's objects (404); after each, the database must be exactly as before. API keys, by
 * `x-scopes`: an operation without them refuses every key (403); one with them refuses a key lacking each of its
 * scopes (403) and another business's key on this one's objects (404), and a key with just its scopes is let in.
 */
// Deletions last: a key that is let in really deletes, and the operations after it read the same objects.
const OPERATIONS = documentedOperations()
  .filter((op) => op.secured)
  .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
/** Example bodies that cannot succeed here as documented (example.com does not resolve on a test machine). */
const RUNNABLE_EXAMPLES: Record<string, Record<string, unknown>> = {
  createWebhookEndpoint: { url: 'https://93.184.215.14/hooks' },
};
/** An operation acts on someone's object when its path names one or its body names a business. */
const owned = (op: DocumentedOperation) => op.pathParams.length > 0 || 'businessId' in op.bodyProperties;

describe('authorization matrix (generated from openapi.json)', () => {
  let t: TestApp;
  let owner: World;
  let stranger: World;

  beforeAll(async () => {
    // No relay: webhook attempts would change the database between the calls the matrix compares.
    t = await startTestApp({ WEBHOOKS_RELAY: 'false' });
    const make = async (): Promise<World> => {
      const pair = await linkedPair(t, '100');
      const ledger = await t.http.get(`/api/v1/accounts/${pair.accountId}/transactions`).set(pair.business.auth);
      const key = async (scopes: string[]) => {
        const res = await t.http.post('/api/v1/api-keys').set(pair.business.auth).send({ name: 'matrix', scopes });
        if (res.status !== 201) throw new Error(`create key: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as { id: string; key: string };
      };
      const auth = async (scopes: string[]): Promise<KeyAuth> => ({ 'X-Api-Key': (await key(scopes)).key });
      const keys: World['keys'] = { all: await auth(SCOPES), without: {}, only: {} };
      for (const scope of SCOPES) {
        keys.without[scope] = await auth(SCOPES.filter((s) => s !== scope));
        keys.only[scope] = await auth([scope]);
      }
      const endpoint = await t.http
        .post('/api/v1/webhook-endpoints')
        .set(pair.business.auth)
        .send({ url: 'https://93.184.215.14/hooks', events: ['payment.approved'] });
      const delivery = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.body.id}/test`).set(pair.business.auth);
      return {
        ...pair,
        paymentId: await pendingClaim(t, pair.customer, pair.business.businessId, '10'),
        entryId: ledger.body.items[0].id,
        apiKeyId: (await key(['payments:read'])).id,
        keys,
        endpointId: endpoint.body.id,
        deliveryId: delivery.body.id,
      };
    };
    owner = await make();
    stranger = await make();
  });
  let cases = 0;
  afterAll(async () => {
    recordFigures('authorization-matrix', { operations: OPERATIONS.length, cases });
    await t.close();
  });

  function url(op: DocumentedOperation, w: World) {
    const ids: Record<string, string> = {
      businessId: w.business.businessId,
      accountId: w.accountId,
      paymentId: w.paymentId,
      entryId: w.entryId,
      apiKeyId: w.apiKeyId,
      endpointId: w.endpointId,
      deliveryId: w.deliveryId,
    };
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!ids[name]) throw new Error(`no fixture for path parameter ${name} of ${op.operationId}`);
      return ids[name];
    });
  }
  function body(op: DocumentedOperation, w: World) {
    if (!op.example) return undefined;
    return {
      ...op.example,
      ...RUNNABLE_EXAMPLES[op.operationId],
      ...('businessId' in op.example ? { businessId: w.business.businessId } : {}),
    };
  }
  function send(op: DocumentedOperation, w: World, auth?: { Authorization: string } | KeyAuth) {
    const req = t.http[op.method](url(op, w)).set('Idempotency-Key', randomUUID());
    if (auth) req.set(auth);
    const payload = body(op, w);
    return payload ? req.send(payload) : req;
  }

  it('the document has secured operations, each with a documented example when it takes a body', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(20);
    for (const op of OPERATIONS) {
      if (Object.keys(op.bodyProperties).length > 0)
        expect({ op: op.operationId, example: !!op.example }).toEqual({ op: op.operationId, example: true });
    }
  });

  describe.each(OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s', (_name, op) => {
    it('anonymous: 401, nothing changed', async () => {
      cases++;
      const before = await databaseFingerprint(t.db);
      const res = await send(op, owner);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    if (op.roles?.length === 1) {
      it(`not a ${op.roles[0]}: 403 whatever the object, nothing changed`, async () => {
        cases++;
        const before = await databaseFingerprint(t.db);
        const wrong = op.roles![0] === 'business' ? owner.customer : owner.business;
        for (const w of [owner, stranger]) {
          const res = await send(op, w, wrong.auth);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN_ROLE');
        }
        expect(await databaseFingerprint(t.db)).toEqual(before);
      });
    }

    if (owned(op)) {
      it("another tenant on the owner's object: 404, nothing changed", async () => {
        cases++;
        const before = await databaseFingerprint(t.db);
        const roles = op.roles ?? ['business', 'customer'];
        for (const role of roles) {
          const res = await send(op, owner, stranger[role].auth);
          expect(res.status).toBe(404);
          expect(res.body.code).toMatch(/NOT_FOUND$/);
          // The answer reveals nothing of the object.
          expect(JSON.stringify(res.body)).not.toContain(owner.customer.phone);
        }
        expect(await databaseFingerprint(t.db)).toEqual(before);
      });
    }

    // The key is judged before anything else, so an unknown one is a 401 on every secured operation, keys or not.
    it('an unknown or malformed API key: 401 API_KEY_INVALID, nothing changed', async () => {
      cases++;
      const before = await databaseFingerprint(t.db);
      for (const key of [`kp_${'x'.repeat(43)}`, 'not a key', owner.keys.all['X-Api-Key'] + 'x']) {
        const res = await send(op, owner, { 'X-Api-Key': key });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('API_KEY_INVALID');
      }
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    if (!op.scopes) {
      it('an API key, even with every scope: 403 API_KEY_NOT_ALLOWED, nothing changed', async () => {
        cases++;
        expect(op.acceptsKeys).toBe(false);
        const before = await databaseFingerprint(t.db);
        for (const w of [owner, stranger]) {
          const res = await send(op, owner, w.keys.all);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('API_KEY_NOT_ALLOWED');
        }
        expect(await databaseFingerprint(t.db)).toEqual(before);
      });
      return;
    }
    const scopes = op.scopes;

    it(`API keys: documented (security apiKey, x-scopes ${scopes.join(' ')})`, () => {
      expect(op.acceptsKeys).toBe(true);
      expect(scopes.length).toBeGreaterThan(0);
      for (const scope of scopes) expect(SCOPES).toContain(scope);
    });

    it.each(scopes)('an API key without %s: 403 INSUFFICIENT_SCOPE whatever the object, nothing changed', async (scope) => {
      cases++;
      const before = await databaseFingerprint(t.db);
      for (const w of [owner, stranger]) {
        const res = await send(op, owner, w.keys.without[scope]);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('INSUFFICIENT_SCOPE');
        expect(res.body.requiredScopes).toEqual(scopes);
      }
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    if (owned(op)) {
      it("another business's API key, with every scope, on this one's object: 404, nothing changed", async () => {
        cases++;
        const before = await databaseFingerprint(t.db);
        const res = await send(op, owner, stranger.keys.all);
        expect(res.status).toBe(404);
        expect(res.body.code).toMatch(/NOT_FOUND$/);
        expect(JSON.stringify(res.body)).not.toContain(owner.customer.phone);
        expect(await databaseFingerprint(t.db)).toEqual(before);
      });
    }

    // The stream never ends by itself: api-keys.test.ts reads it with a key.
    if (!op.produces.includes('text/event-stream')) {
      it(`an API key with just ${scopes.join(' and ')}: let in (the operation's own answer)`, async () => {
        cases++;
        const key = { 'X-Api-Key': '' };
        if (scopes.length === 1) key['X-Api-Key'] = owner.keys.only[scopes[0]]['X-Api-Key'];
        else key['X-Api-Key'] = owner.keys.all['X-Api-Key'];
        const res = await send(op, owner, key);
        expect([401, 403]).not.toContain(res.status);
        expect(res.status).toBeLessThan(500);
        // A read of the business's own objects succeeds; a change may meet the state earlier cases left (409).
        if (op.method === 'get') expect(res.status).toBe(200);
        else if (!op.bodyProperties.fromAccountId) expect([200, 201, 202, 204, 409]).toContain(res.status);
      });
    }
  });

  it('lists never show another tenant', async () => {
    for (const caller of [owner.business, owner.customer]) {
      const payments = await t.http.get('/api/v1/payments').set(caller.auth);
      const accounts = await t.http.get('/api/v1/accounts').set(caller.auth);
      const text = JSON.stringify([payments.body, accounts.body]);
      expect(text).not.toContain(stranger.paymentId);
      expect(text).not.toContain(stranger.accountId);
      expect(payments.body.items.length).toBeGreaterThan(0);
    }
  });
});
