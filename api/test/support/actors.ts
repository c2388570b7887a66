import { randomInt, randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery';

export interface Actor {
  userId: string;
  phone: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}
export interface BusinessActor extends Actor {
  businessId: string;
  joinCode: string;
}
export interface CustomerActor extends Actor {
  customerId: string;
}

/** A phone no other test of this run has (Indian mobiles start with 6-9). */
export function freshPhone(): string {
  return `+919${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

function expectStatus(response: { status: number; body: unknown }, status: number, what: string) {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
}

export async function registerBusiness(t: Pick<TestApp, 'http'>, name = 'Test Kirana'): Promise<BusinessActor> {
  const phone = freshPhone();
  const res = await t.http
    .post('/api/v1/auth/register')
    .send({ role: 'business', name: 'Owner', phone, password: PASSWORD, businessName: name, upiId: 'testkirana@ybl' });
  expectStatus(res, 201, 'register business');
  const auth = { Authorization: `Bearer ${res.body.accessToken}` };
  const me = await t.http.get('/api/v1/me').set(auth);
  return {
    userId: res.body.user.id,
    phone,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth,
    businessId: me.body.business.id,
    joinCode: me.body.business.joinCode,
  };
}

export async function registerCustomer(t: Pick<TestApp, 'http'>, name = 'Test Customer'): Promise<CustomerActor> {
  const phone = freshPhone();
  const res = await t.http.post('/api/v1/auth/register').send({ role: 'customer', name, phone, password: PASSWORD });
  expectStatus(res, 201, 'register customer');
  const auth = { Authorization: `Bearer ${res.body.accessToken}` };
  const me = await t.http.get('/api/v1/me').set(auth);
  return {
    userId: res.body.user.id,
    phone,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth,
    customerId: me.body.customer.id,
  };
}

/** A business, a customer who joined it, and their account (balance raised by `credit` if given). */
export async function linkedPair(t: Pick<TestApp, 'http'>, credit?: string) {
  const business = await registerBusiness(t);
  const customer = await registerCustomer(t);
  const joined = await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: business.joinCode });
  expectStatus(joined, 201, 'join');
  const accountId: string = joined.body.id;
  if (credit) {
    const res = await t.http.post(`/api/v1/accounts/${accountId}/transactions`).set(business.auth).send({ type: 'credit', amount: credit });
    expectStatus(res, 201, 'credit');
  }
  return { business, customer, accountId };
}

export function submitClaim(t: Pick<TestApp, 'http'>, customer: CustomerActor, body: Record<string, unknown>, key: string = randomUUID()) {
  return t.http.post('/api/v1/payments').set(customer.auth).set('Idempotency-Key', key).send(body);
}

export async function pendingClaim(
  t: Pick<TestApp, 'http'>,
  customer: CustomerActor,
  businessId: string,
  amount = '100.00',
): Promise<string> {
  const res = await submitClaim(t, customer, { businessId, amount });
  expectStatus(res, 201, 'submit claim');
  return res.body.id;
}
