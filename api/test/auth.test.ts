import { createHmac } from 'node:crypto';
import { freshPhone, PASSWORD, registerBusiness, registerCustomer } from './support/actors';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function signJwt(payload: object, header: object = { alg: 'HS256', typ: 'JWT' }, secret = TEST_JWT_SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('registers a customer, normalises the phone and never returns the password', async () => {
      const digits = freshPhone().slice(3);
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ role: 'customer', name: '  Asha  ', phone: `0${digits.slice(0, 5)} ${digits.slice(5)}`, password: PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body.user).toEqual({ id: expect.any(String), role: 'customer', name: 'Asha', phone: `+91${digits}` });
      expect(res.body.accessToken).toMatch(/^ey/);
      expect(res.body.refreshToken).toHaveLength(43);
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
      const { rows } = await t.db.query(`SELECT password_hash FROM users WHERE phone = $1`, [`+91${digits}`]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('registers a business with its join code', async () => {
      const business = await registerBusiness(t, 'Sharma Kirana');
      expect(business.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      const me = await t.http.get('/api/v1/me').set(business.auth);
      expect(me.body).toEqual({
        user: expect.objectContaining({ role: 'business', phone: business.phone }),
        business: { id: business.businessId, name: 'Sharma Kirana', upiId: 'testkirana@ybl', joinCode: business.joinCode },
        customer: null,
      });
    });

    it('refuses a phone that is already registered (409) and changes nothing', async () => {
      const customer = await registerCustomer(t);
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ role: 'customer', name: 'Again', phone: customer.phone, password: PASSWORD });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PHONE_TAKEN');
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE phone = $1`, [customer.phone]);
      expect(rows[0].n).toBe(1);
    });

    it.each([
      [{ role: 'admin', name: 'X', password: PASSWORD }, 'role'],
      [{ role: 'customer', name: '', password: PASSWORD }, 'name'],
      [{ role: 'customer', name: 'X', password: 'short' }, 'password'],
      [{ role: 'customer', name: 'X', password: 'x'.repeat(129) }, 'password'],
      [{ role: 'customer', name: 'X', password: PASSWORD, phone: '12345' }, 'phone'],
      [{ role: 'customer', name: 'X', password: PASSWORD, phone: '+1 415 555 0100' }, 'phone'],
      [{ role: 'business', name: 'X', password: PASSWORD }, 'businessName'],
      [{ role: 'business', name: 'X', password: PASSWORD, businessName: 'Shop', upiId: 'not-a-upi' }, 'upiId'],
      [{ role: 'customer', name: 'X', password: PASSWORD, businessName: 'Shop' }, 'businessName'],
      [{ role: 'customer', name: 'X', password: PASSWORD, isAdmin: true }, 'isAdmin'],
    ])('refuses %j with a 400 naming %s', async (body, field) => {
      const res = await t.http.post('/api/v1/auth/register').send({ phone: freshPhone(), ...body });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('takes text up to its column and refuses one character more (400, nothing stored)', async () => {
      // Columns: users.name, businesses.name and businesses.upi_id are varchar(100), counted in characters.
      const upiAt = (length: number) => `${'a'.repeat(length - 4)}@ybl`;
      const business = (over: Record<string, string>) => ({
        role: 'business',
        name: 'Owner',
        password: PASSWORD,
        businessName: 'Shop',
        upiId: 'shop@ybl',
        ...over,
      });
      // What fits: 100 characters, whatever they are (an emoji is one character to PostgreSQL, two to JavaScript).
      for (const body of [business({ upiId: upiAt(100) }), business({ name: '💸'.repeat(100), businessName: 'क'.repeat(100) })]) {
        expect((await t.http.post('/api/v1/auth/register').send({ phone: freshPhone(), ...body })).status).toBe(201);
      }
      const cases: [Record<string, string>, string][] = [
        [business({ upiId: upiAt(101) }), 'upiId'],
        [business({ upiId: `${'a'.repeat(99)}@${'b'.repeat(49)}` }), 'upiId'],
        [business({ name: '💸'.repeat(101) }), 'name'],
        // A variation selector is a character to PostgreSQL; validator.js's length ignores it.
        [business({ name: `${'a\uFE0F'.repeat(50)}a` }), 'name'],
        [business({ businessName: `${'ॐ\uFE0F'.repeat(50)}x` }), 'businessName'],
      ];
      for (const [body, field] of cases) {
        const phone = freshPhone();
        const res = await t.http.post('/api/v1/auth/register').send({ phone, ...body });
        expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE phone = $1`, [phone]);
        expect(rows[0].n).toBe(0);
      }
    });
  });

  describe('login', () => {
    it('logs in with the phone in any usual spelling', async () => {
      const customer = await registerCustomer(t);
      const res = await t.http.post('/api/v1/auth/login').send({ phone: customer.phone.replace('+91', '0'), password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(customer.userId);
    });

    it('answers a wrong password and an unknown phone alike (401 INVALID_CREDENTIALS)', async () => {
      const customer = await registerCustomer(t);
      const wrong = await t.http.post('/api/v1/auth/login').send({ phone: customer.phone, password: 'wrong password' });
      const unknown = await t.http.post('/api/v1/auth/login').send({ phone: freshPhone(), password: PASSWORD });
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body).toEqual({ ...wrong.body });
    });
  });

  describe('refresh tokens', () => {
    it('rotate: a refresh gives a new pair and spends the old token', async () => {
      const customer = await registerCustomer(t);
      const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: customer.refreshToken });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(customer.refreshToken);
      const me = await t.http.get('/api/v1/me').set({ Authorization: `Bearer ${first.body.accessToken}` });
      expect(me.body.customer.id).toBe(customer.customerId);
    });

    it('reuse of a spent token revokes the whole family', async () => {
      const customer = await registerCustomer(t);
      const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: customer.refreshToken });
      const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: customer.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      // The attacker's or the victim's newer token is dead too.
      const newer = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
      expect(newer.status).toBe(401);
      expect(newer.body.code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('logout revokes the family; logging out twice is harmless', async () => {
      const customer = await registerCustomer(t);
      expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: customer.refreshToken })).status).toBe(204);
      expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: customer.refreshToken })).status).toBe(204);
      const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: customer.refreshToken });
      expect(res.status).toBe(401);
    });

    it('an unknown token is 401', async () => {
      const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x'.repeat(43) });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('access tokens', () => {
    let customer: Awaited<ReturnType<typeof registerCustomer>>;
    const now = () => Math.floor(Date.now() / 1000);
    beforeAll(async () => {
      customer = await registerCustomer(t);
    });
    const claims = () => ({
      sub: customer.userId,
      role: 'customer',
      cid: customer.customerId,
      aud: 'khata-pay-api',
      iss: 'khata-pay',
      iat: now(),
      exp: now() + 300,
    });

    it('accepts a well-formed token (the forging helper is right)', async () => {
      const res = await t.http.get('/api/v1/me').set({ Authorization: `Bearer ${signJwt(claims())}` });
      expect(res.status).toBe(200);
    });

    it.each([
      ['no token', undefined],
      ['garbage', 'Bearer not.a.jwt'],
      ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
      ['a wrong key', () => signJwt(claims(), undefined, 'another-secret-that-is-long-enough-000000')],
      [
        'a tampered payload',
        () => {
          const [h, , s] = signJwt(claims()).split('.');
          return `${h}.${b64({ ...claims(), role: 'business', bid: customer.customerId })}.${s}`;
        },
      ],
      ['expired', () => signJwt({ ...claims(), iat: now() - 600, exp: now() - 300 })],
      ['not yet valid', () => signJwt({ ...claims(), nbf: now() + 300 })],
      ['the wrong audience', () => signJwt({ ...claims(), aud: 'someone-else' })],
      ['the wrong issuer', () => signJwt({ ...claims(), iss: 'someone-else' })],
      ['HS512', () => signJwt(claims(), { alg: 'HS512', typ: 'JWT' })],
    ])('refuses %s with 401', async (_name, token) => {
      const value = typeof token === 'function' ? `Bearer ${token()}` : token;
      const req = t.http.get('/api/v1/me');
      const res = await (value ? req.set({ Authorization: value }) : req);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every request here comes from 127.0.0.1, where each user registered: a known address, with its own budget.
    // test/rate-limits.test.ts plays strangers and owners on different addresses.
    t = await startTestApp({
      RATE_LIMIT_LOGIN: '3/600',
      RATE_LIMIT_LOGIN_KNOWN: '3/600',
      RATE_LIMIT_JOIN: '3/600',
      RATE_LIMIT_REGISTER: '50/600',
    });
  });
  afterAll(() => t.close());

  it('limits password guessing with 429 and Retry-After', async () => {
    const customer = await registerCustomer(t);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.http.post('/api/v1/auth/login').send({ phone: customer.phone, password: `guess ${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await t.http.post('/api/v1/auth/login').send({ phone: customer.phone, password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits join-code guessing per user', async () => {
    const customer = await registerCustomer(t);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await t.http
            .post('/api/v1/accounts/join')
            .set(customer.auth)
            .send({ joinCode: `ZZZZZZZ${i + 2}` })
        ).status,
      );
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it('never limits approvals', async () => {
    const business = await registerBusiness(t);
    const results = await Promise.all(Array.from({ length: 30 }, () => t.http.get('/api/v1/payments/stats').set(business.auth)));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});
