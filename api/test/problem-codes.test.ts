import { linkedPair } from './support/actors';
import { DocumentedOperation, documentedOperations, OPENAPI_DOCUMENT } from './support/openapi-operations';
import { databaseFingerprint } from './support/snapshot';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Generated from the committed OpenAPI document: the problems every operation lists because of how it is declared
 * (not because of what it does) are really answered, by every operation that lists them, and change nothing: a body
 * of a type the API does not read (415; text/plain is read as a string, so that is a 400), one over the limit (413),
 * and input that is not valid (400: broken JSON, an id that is not a UUID, a query parameter the operation does not
 * take). scripts/check-problem-codes.mjs then finds them among the responses the tests received.
 */
const OPERATIONS = documentedOperations();
const WRITES = OPERATIONS.filter((op) => ['post', 'put', 'patch'].includes(op.method));
/** Whether the document lists this code for this status of the operation. */
function lists(op: DocumentedOperation, status: number, code: string): boolean {
  const schema = OPENAPI_DOCUMENT.paths[op.path][op.method].responses[String(status)]?.content?.['application/problem+json']?.schema;
  return (schema?.allOf ?? []).some((part: { properties?: { code?: { enum?: string[] } } }) => part.properties?.code?.enum?.includes(code));
}

describe('declared problems (generated from openapi.json)', () => {
  let t: TestApp;
  let auth: Record<'business' | 'customer', { Authorization: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    const pair = await linkedPair(t);
    auth = { business: pair.business.auth, customer: pair.customer.auth };
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A caller the operation lets through to its input: one of its roles, when it has any. */
  const callerOf = (op: DocumentedOperation) => (op.secured ? auth[op.roles?.[0] ?? 'business'] : {});
  const path = (op: DocumentedOperation, id = '3f0c6a52-9d2b-4e8f-a1c7-5b6d4e3f2a10') => op.path.replace(/\{[^}]+\}/g, id);

  async function expectProblem(response: { status: number; body: { code?: string } }, status: number, code: string) {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  }

  it('every write lists 413 and 415 and 400', () => {
    expect(WRITES.length).toBeGreaterThanOrEqual(15);
    for (const op of WRITES) {
      expect([op.operationId, lists(op, 413, 'PAYLOAD_TOO_LARGE'), lists(op, 415, 'UNSUPPORTED_MEDIA_TYPE')]).toEqual([
        op.operationId,
        true,
        true,
      ]);
      expect([op.operationId, lists(op, 400, 'VALIDATION_FAILED')]).toEqual([op.operationId, true]);
    }
  });

  describe.each(WRITES.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s', (_name, op) => {
    it('a body that is not JSON: 415 UNSUPPORTED_MEDIA_TYPE, nothing changed', async () => {
      const before = await databaseFingerprint(t.db);
      const res = await t.http[op.method](path(op)).set(callerOf(op)).set('Content-Type', 'application/xml').send('<amount>250</amount>');
      await expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('a body over the limit: 413 PAYLOAD_TOO_LARGE, nothing changed', async () => {
      const before = await databaseFingerprint(t.db);
      const res = await t.http[op.method](path(op))
        .set(callerOf(op))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ notes: 'x'.repeat(128 * 1024) }));
      await expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('broken JSON: 400 VALIDATION_FAILED, nothing changed', async () => {
      const before = await databaseFingerprint(t.db);
      const res = await t.http[op.method](path(op)).set(callerOf(op)).set('Content-Type', 'application/json').send('{"amount": ');
      await expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });
  });

  const WITH_INPUT = OPERATIONS.filter((op) => op.pathParams.length > 0 || op.queryParams.length > 0);
  describe.each(WITH_INPUT.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s', (_name, op) => {
    it(
      op.pathParams.length > 0 ? 'an id that is not a UUID: 400 VALIDATION_FAILED' : 'a query parameter it does not take: 400',
      async () => {
        const before = await databaseFingerprint(t.db);
        const url = op.pathParams.length > 0 ? path(op, 'not-a-uuid') : `${op.path}?unknownParameter=1`;
        let req = t.http[op.method](url).set(callerOf(op));
        if (op.method !== 'get') req = req.send({});
        await expectProblem(await req, 400, 'VALIDATION_FAILED');
        expect(await databaseFingerprint(t.db)).toEqual(before);
      },
    );
  });
});
