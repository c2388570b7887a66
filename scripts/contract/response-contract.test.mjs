/**
 * Tests of the response checker itself (`node --test scripts/contract/`, part of `npm test`'s contract step): that
 * it reports what a strict validating proxy would, against the committed document and against the 3.0 document
 * this repository had before (fixtures/openapi-3.0-me.json: its `/me` exactly as @nestjs/swagger 12 wrote it).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ResponseContract } from './response-contract.mjs';

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const committed = new ResponseContract(read(join(import.meta.dirname, '../../openapi/openapi.json')));
const before = new ResponseContract(read(join(import.meta.dirname, 'fixtures/openapi-3.0-me.json')));

const ID = '3f0c5a40-8d1e-4c7a-9b2e-6a1d0c9e7f21';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const PROBLEM_TYPE = { 'content-type': 'application/problem+json; charset=utf-8' };
/** What GET /me answers a customer: no business. */
const customerMe = {
  user: { id: ID, role: 'customer', name: 'Asha Verma', phone: '+919876543210' },
  business: null,
  customer: { id: ID, name: 'Asha Verma', phone: '+919876543210' },
};
const response = (method, url, status, headers, body) => ({
  method,
  url,
  status,
  headers,
  body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
});
const problem = (status, code, extra = {}) => ({
  type: `urn:khata-pay:problem:${code}`,
  title: 'A title',
  status,
  detail: 'A detail',
  code,
  instance: '/api/v1/x',
  ...extra,
});
const violationsOf = (contract, record) => contract.check(record).violations.map(({ pointer, message }) => ({ pointer, message }));

describe('the response checker', () => {
  it("would have failed on the 3.0 document's /me: `nullable` beside `allOf` does not allow null", () => {
    const found = before.check(response('GET', '/api/v1/me', 200, JSON_TYPE, customerMe)).violations;
    assert.deepEqual(found, [{ operation: 'GET /api/v1/me (me)', status: 200, pointer: '/business', message: 'must be object' }]);
  });

  it('accepts /me of a single-role user against the committed 3.1 document, and refuses a missing member', () => {
    assert.deepEqual(violationsOf(committed, response('GET', '/api/v1/me', 200, JSON_TYPE, customerMe)), []);
    const { customer: _omitted, ...withoutCustomer } = customerMe;
    assert.deepEqual(violationsOf(committed, response('GET', '/api/v1/me', 200, JSON_TYPE, withoutCustomer)), [
      { pointer: '', message: "must have required property 'customer'" },
    ]);
  });

  it('reports a status code the operation does not declare (a 500 is always one)', () => {
    for (const status of [500, 418, 201]) {
      const found = violationsOf(committed, response('GET', '/api/v1/me', status, PROBLEM_TYPE, problem(status, 'INTERNAL')));
      assert.equal(found.length, 1);
      assert.match(found[0].message, new RegExp(`^status ${status} is not declared`));
    }
  });

  it('reports a content type the response does not declare, a missing one, and a body that is not JSON', () => {
    assert.deepEqual(violationsOf(committed, response('GET', '/api/v1/me', 200, { 'content-type': 'text/html' }, '<p>hi</p>')), [
      { pointer: '', message: 'content type text/html is not declared (declared: application/json)' },
    ]);
    assert.deepEqual(violationsOf(committed, response('GET', '/api/v1/me', 200, {}, customerMe)), [
      { pointer: '', message: 'no Content-Type (declared: application/json)' },
    ]);
    assert.match(violationsOf(committed, response('GET', '/api/v1/me', 200, JSON_TYPE, '{"user":'))[0].message, /^the body is not JSON/);
    // Problems are problem+json, not plain JSON.
    assert.match(
      violationsOf(committed, response('GET', '/api/v1/me', 401, JSON_TYPE, problem(401, 'UNAUTHENTICATED')))[0].message,
      /^content type application\/json is not declared/,
    );
  });

  it('reports a body on a response that declares none (204)', () => {
    assert.deepEqual(violationsOf(committed, response('POST', '/api/v1/auth/logout', 204, {})), []);
    assert.deepEqual(violationsOf(committed, response('POST', '/api/v1/auth/logout', 204, JSON_TYPE, { ok: true })), [
      { pointer: '', message: 'a body was sent (application/json) but the response declares none' },
    ]);
  });

  it('reports a required header that is missing or malformed (Retry-After of a 429)', () => {
    const limited = (headers) => response('POST', '/api/v1/auth/login', 429, { ...PROBLEM_TYPE, ...headers }, problem(429, 'RATE_LIMITED'));
    assert.deepEqual(violationsOf(committed, limited({ 'retry-after': '60' })), []);
    assert.deepEqual(violationsOf(committed, limited({})), [{ pointer: 'header Retry-After', message: 'required header is missing' }]);
    assert.deepEqual(violationsOf(committed, limited({ 'retry-after': 'soon' })), [
      { pointer: 'header Retry-After', message: 'must be integer (got "soon")' },
    ]);
  });

  it('reports a property the document does not declare, with its JSON pointer', () => {
    const leaky = { ...customerMe, user: { ...customerMe.user, passwordHash: '$argon2id$...' } };
    assert.deepEqual(violationsOf(committed, response('GET', '/api/v1/me', 200, JSON_TYPE, leaky)), [
      { pointer: '/user/passwordHash', message: 'property is not in the document' },
    ]);
  });

  it("holds a problem's code and status to its HTTP status", () => {
    const url = `/api/v1/payments/${ID}/approve`;
    assert.deepEqual(violationsOf(committed, response('POST', url, 404, PROBLEM_TYPE, problem(404, 'PAYMENT_NOT_FOUND'))), []);
    const conflict = problem(409, 'PAYMENT_NOT_PENDING', { currentStatus: 'approved' });
    assert.deepEqual(violationsOf(committed, response('POST', url, 409, PROBLEM_TYPE, conflict)), []);
    const found = violationsOf(committed, response('POST', url, 404, PROBLEM_TYPE, problem(409, 'PAYMENT_NOT_PENDING')));
    // Twice at /code: not a code of that status, and not one of the operation's own for it.
    assert.deepEqual(found.map((v) => v.pointer).sort(), ['/code', '/code', '/status']);
    const messages = found.filter((v) => v.pointer === '/code').map((v) => v.message);
    assert.ok(
      // The status's codes (every 404 code, in PROBLEM_STATUS's order).
      messages.some((m) => /^must be equal to one of the allowed values: (?=.*"NOT_FOUND")(?=.*"PAYMENT_NOT_FOUND")/.test(m)),
      messages,
    );
    assert.ok(messages.includes('must be equal to one of the allowed values: "PAYMENT_NOT_FOUND"'), messages);
  });

  it('holds each frame of the event stream to PaymentEvent: its event name, and its data as a payment', () => {
    const payment = committed.document.paths['/api/v1/payments/{paymentId}'].get.responses['200'].content['application/json'].example;
    const stream = (name, data) =>
      response(
        'GET',
        '/api/v1/events',
        200,
        { 'content-type': 'text/event-stream' },
        `retry: 3000\nid: 1\n\n: heartbeat\n\nid: 2\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`,
      );
    assert.deepEqual(violationsOf(committed, stream('payment.approved', payment)), []);
    assert.deepEqual(
      violationsOf(committed, stream('payment.exploded', { ...payment, secret: 'x' }))
        .map((v) => v.pointer)
        .sort(),
      ['event 2/data', 'event 2/event'],
    );
  });

  it('holds a problem to the codes its operation lists, not only to those of its status', () => {
    // 409 UTR_IN_USE is a 409, but approving a payment never answers it.
    const found = violationsOf(
      committed,
      response('POST', `/api/v1/payments/${ID}/approve`, 409, PROBLEM_TYPE, problem(409, 'UTR_IN_USE')),
    );
    assert.deepEqual(
      found.map((v) => [v.pointer, v.message]),
      [['/code', 'must be equal to one of the allowed values: "BALANCE_OUT_OF_RANGE", "PAYMENT_NOT_PENDING"']],
    );
  });

  it('finds the operation by the path templates: concrete paths first, any query, nothing outside the document', () => {
    const name = (method, url) => committed.operationFor(method, url)?.operation.operationId ?? null;
    assert.equal(name('GET', '/api/v1/payments/stats'), 'getPaymentStats');
    assert.equal(name('GET', `/api/v1/payments/${ID}`), 'getPayment');
    assert.equal(name('GET', `/api/v1/payments/${ID}/history?limit=5`), 'getPaymentHistory');
    assert.equal(name('GET', '/api/v1/payments/not-a-uuid'), 'getPayment');
    assert.equal(name('POST', '/api/v1/payments'), 'submitPayment');
    assert.equal(name('DELETE', '/api/v1/payments'), null);
    assert.equal(name('GET', '/api/v1/payments//history'), null);
    assert.equal(name('GET', '/api/v1/nothing-here'), null);
    assert.deepEqual(committed.check(response('GET', '/assets/index.js', 200, {}, 'x')), { operation: null, violations: [] });
  });

  it('takes the event stream by its media type, whatever its parameters', () => {
    const stream = response('GET', '/api/v1/events', 200, { 'content-type': 'text/event-stream; charset=utf-8' }, 'retry: 3000\n\n');
    assert.deepEqual(violationsOf(committed, stream), []);
  });

  it('checks the formats the document names (uuid, date-time)', () => {
    const page = (createdAt) => ({ items: [{ ...sampleLedgerEntry, createdAt }], nextCursor: null });
    const url = `/api/v1/accounts/${ID}/transactions`;
    assert.deepEqual(violationsOf(committed, response('GET', url, 200, JSON_TYPE, page('2026-11-30T10:00:00.000Z'))), []);
    assert.deepEqual(violationsOf(committed, response('GET', url, 200, JSON_TYPE, page('30/11/2026'))), [
      { pointer: '/items/0/createdAt', message: 'must match format "date-time"' },
    ]);
  });

  it('holds money to two decimals and phones to +91 and ten digits', () => {
    const url = `/api/v1/accounts/${ID}/transactions`;
    const entry = (amount) => ({ items: [{ ...sampleLedgerEntry, amount }], nextCursor: null });
    assert.deepEqual(violationsOf(committed, response('GET', url, 200, JSON_TYPE, entry('250.00'))), []);
    for (const amount of ['250.5', '250', '2.5e2', '-250.00']) {
      assert.deepEqual(
        violationsOf(committed, response('GET', url, 200, JSON_TYPE, entry(amount))).map((v) => v.pointer),
        ['/items/0/amount'],
        amount,
      );
    }
    const me = { ...customerMe, user: { ...customerMe.user, phone: '9876543210' } };
    assert.match(violationsOf(committed, response('GET', '/api/v1/me', 200, JSON_TYPE, me))[0].message, /^must match pattern/);
  });

  it('refuses a 3.1 document that still says `nullable` (strict: an unknown keyword is an error)', () => {
    const document = read(join(import.meta.dirname, '../../openapi/openapi.json'));
    document.components.schemas.MeDto.properties.business = { $ref: '#/components/schemas/MeBusinessDto', nullable: true };
    const contract = new ResponseContract(document);
    assert.throws(() => contract.check(response('GET', '/api/v1/me', 200, JSON_TYPE, customerMe)), /unknown keyword: "nullable"/);
  });
});

const sampleLedgerEntry = {
  id: ID,
  accountId: ID,
  type: 'credit',
  amount: '250.00',
  notes: null,
  paymentMethod: 'manual',
  approvedAt: null,
  originalPendingId: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  createdBy: ID,
  entryNo: 1,
  balanceAfter: '250.00',
  correctsEntryId: null,
  correctedBy: null,
};
