import { randomUUID } from 'node:crypto';
import { recordFigures } from './chaos/mode';
import { BusinessActor, CustomerActor, linkedPair, pendingClaim } from './support/actors';
import { DocumentedOperation, documentedOperations } from './support/openapi-operations';
import { databaseFingerprint } from './support/snapshot';
import { startTestApp, TestApp } from './support/test-app';

interface World {
  business: BusinessActor;
  customer: CustomerActor;
  accountId: string;
  paymentId: string;
  entryId: string;
  endpointId: string;
  deliveryId: string;
}

/**
 * Generated from the committed OpenAPI document, so a new endpoint cannot escape it: every secured operation is
 * called anonymously (401), with the wrong role where `x-roles` restricts it (403, whatever the object), and by
 * another tenant on the owner's objects (404); after each, the database must be exactly as before.
 */
const OPERATIONS = documentedOperations().filter((op) => op.secured);
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
      const endpoint = await t.http
        .post('/api/v1/webhook-endpoints')
        .set(pair.business.auth)
        .send({ url: 'https://93.184.215.14/hooks', events: ['payment.approved'] });
      const delivery = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.body.id}/test`).set(pair.business.auth);
      return {
        ...pair,
        paymentId: await pendingClaim(t, pair.customer, pair.business.businessId, '10'),
        entryId: ledger.body.items[0].id,
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
    return { ...op.example, ...('businessId' in op.example ? { businessId: w.business.businessId } : {}) };
  }
  function send(op: DocumentedOperation, w: World, auth?: { Authorization: string }) {
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
