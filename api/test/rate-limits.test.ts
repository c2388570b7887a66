import { randomUUID } from 'node:crypto';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { freshPhone, PASSWORD } from './support/actors';
import { recordResponse } from './support/response-recorder';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

/**
 * Rate limits as a stranger, an owner and a shop's neighbours meet them. Requests are injected with the client
 * address they would come from (Fastify's `remoteAddress`), so one test plays several people on several networks.
 */

interface Reply {
  status: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, unknown>;
}

async function send(
  t: TestApp,
  method: 'GET' | 'POST',
  url: string,
  options: { from?: string; body?: object; headers?: Record<string, string>; token?: string } = {},
): Promise<Reply> {
  const res = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      remoteAddress: options.from ?? '127.0.0.1',
      payload: options.body,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    });
  // Injected requests do not pass the HTTP server's recorder: record them here, for the contract check.
  recordResponse({
    method,
    url,
    status: res.statusCode,
    headers: Object.fromEntries(
      Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]),
    ),
    body: res.body,
  });
  return { status: res.statusCode, body: res.body ? res.json() : {}, headers: res.headers };
}

const login = (
  t: TestApp,
  from: string,
  body: { phone: string; password: string; deviceToken?: string },
  headers?: Record<string, string>,
) => send(t, 'POST', '/api/v1/auth/login', { from, body, headers });

async function register(t: TestApp, from: string, role: 'customer' | 'business' = 'customer') {
  const phone = freshPhone();
  const body =
    role === 'customer'
      ? { role, name: 'Owner', phone, password: PASSWORD }
      : { role, name: 'Shopkeeper', phone, password: PASSWORD, businessName: 'Corner Kirana', upiId: 'corner@ybl' };
  const res = await send(t, 'POST', '/api/v1/auth/register', { from, body });
  expect(res.status).toBe(201);
  return { phone, userId: res.body.user.id as string, token: res.body.accessToken as string, deviceToken: res.body.deviceToken as string };
}

async function wrongPasswords(t: TestApp, from: string, phone: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await login(t, from, { phone, password: `guess number ${i}` })).status);
  return statuses;
}

describe('login: failures count, strangers cannot lock the owner out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_LOGIN: '3/600', RATE_LIMIT_LOGIN_KNOWN: '2/600', RATE_LIMIT_LOGIN_ADDRESS: '50/600' });
  });
  afterAll(() => t.close());

  it("a stranger's failures slow the stranger but not the owner on a known device or address, and the owner is told", async () => {
    const owner = await register(t, '203.0.113.10');
    expect(owner.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(await wrongPasswords(t, '198.51.100.66', owner.phone, 3)).toEqual([401, 401, 401]);
    const slowed = await login(t, '198.51.100.66', { phone: owner.phone, password: 'guess number 4' });
    expect(slowed.status).toBe(429);
    expect(slowed.body.code).toBe('RATE_LIMITED');
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(600);
    // A stranger on another network fares no better: the phone's budget is spent.
    expect((await login(t, '192.0.2.77', { phone: owner.phone, password: PASSWORD })).status).toBe(429);

    // The owner, at home (the address they registered from): in, and told about the three failures.
    const home = await login(t, '203.0.113.10', { phone: owner.phone, password: PASSWORD });
    expect(home.status).toBe(200);
    expect(home.body.failedLoginAttempts).toEqual({ count: 3, since: expect.any(String), lastAt: expect.any(String) });
    expect(Date.parse(home.body.failedLoginAttempts.since)).toBeLessThanOrEqual(Date.parse(home.body.failedLoginAttempts.lastAt));
    // The owner's phone on mobile data, a new address: its device token is known.
    const away = await login(t, '100.64.20.30', { phone: owner.phone, password: PASSWORD, deviceToken: owner.deviceToken });
    expect(away.status).toBe(200);
    expect(away.body.deviceToken).toBe(owner.deviceToken);
    expect(away.body.failedLoginAttempts).toBeNull(); // reported once
  });

  it('a known device or address has its own, smaller failure budget: no bypass', async () => {
    const owner = await register(t, '203.0.113.11');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await login(t, '100.64.1.1', { phone: owner.phone, password: `typo ${i}`, deviceToken: owner.deviceToken })).status);
    expect(statuses).toEqual([401, 401, 429]);
    // That budget is the device's alone: the phone's own budget (unknown devices) is untouched.
    expect(await wrongPasswords(t, '198.51.100.5', owner.phone, 3)).toEqual([401, 401, 401]);
  });

  it('failures on one phone do not refuse another phone from the same address', async () => {
    const victim = await register(t, '203.0.113.12');
    const neighbour = await register(t, '203.0.113.13');
    expect(await wrongPasswords(t, '198.51.100.20', victim.phone, 4)).toEqual([401, 401, 401, 429]);
    // Same address (a shop's Wi-Fi), another phone that never logged in from here.
    expect((await login(t, '198.51.100.20', { phone: neighbour.phone, password: 'not it' })).status).toBe(401);
    expect((await login(t, '198.51.100.20', { phone: neighbour.phone, password: PASSWORD })).status).toBe(200);
    expect((await login(t, '198.51.100.20', { phone: freshPhone(), password: PASSWORD })).status).toBe(401);
  });

  it('a successful login does not count', async () => {
    const owner = await register(t, '203.0.113.14');
    // Each from an address the account never used, so only the phone's budget applies.
    expect((await login(t, '192.0.2.1', { phone: owner.phone, password: 'wrong one' })).status).toBe(401);
    expect((await login(t, '192.0.2.2', { phone: owner.phone, password: 'wrong two' })).status).toBe(401);
    expect((await login(t, '192.0.2.3', { phone: owner.phone, password: PASSWORD })).status).toBe(200);
    expect((await login(t, '192.0.2.4', { phone: owner.phone, password: 'wrong three' })).status).toBe(401);
    expect((await login(t, '192.0.2.5', { phone: owner.phone, password: 'wrong four' })).status).toBe(429);
  });

  it('concurrent guesses cannot overshoot the budget', async () => {
    const owner = await register(t, '203.0.113.15');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(t, `198.51.100.${100 + i}`, { phone: owner.phone, password: `parallel ${i}` })),
    );
    expect(results.filter((r) => r.status === 401)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
  });
});

describe('client addresses: IPv6 by /64, proxies only when trusted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_LOGIN: '100/600', RATE_LIMIT_LOGIN_ADDRESS: '3/600', TRUST_PROXY: '127.0.0.1,10.0.0.0/8' });
  });
  afterAll(() => t.close());

  it('every address of one IPv6 /64 shares a budget; the next /64 has its own', async () => {
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2:a:b:c:d', '2001:db8:1:2:ffff:ffff:ffff:fffe'])
      expect((await login(t, address, { phone: freshPhone(), password: 'x1234567' })).status).toBe(401);
    expect((await login(t, '2001:db8:1:2:9999::1', { phone: freshPhone(), password: 'x1234567' })).status).toBe(429);
    expect((await login(t, '2001:db8:1:3::1', { phone: freshPhone(), password: 'x1234567' })).status).toBe(401);
    // IPv4-mapped IPv6 is the IPv4 address.
    await wrongPasswords(t, '::ffff:192.0.2.200', freshPhone(), 3);
    expect((await login(t, '192.0.2.200', { phone: freshPhone(), password: 'x1234567' })).status).toBe(429);
  });

  it("behind a trusted proxy the client is X-Forwarded-For's; from anyone else the header is ignored", async () => {
    const via = (client: string) => ({ 'x-forwarded-for': client });
    for (let i = 0; i < 3; i++)
      expect((await login(t, '10.1.2.3', { phone: freshPhone(), password: 'x1234567' }, via('203.0.113.50'))).status).toBe(401);
    expect((await login(t, '10.9.9.9', { phone: freshPhone(), password: 'x1234567' }, via('203.0.113.50'))).status).toBe(429);
    expect((await login(t, '10.1.2.3', { phone: freshPhone(), password: 'x1234567' }, via('203.0.113.51'))).status).toBe(401);
    // An untrusted peer cannot pick its address by sending the header.
    await wrongPasswords(t, '198.51.100.40', freshPhone(), 3);
    expect((await login(t, '198.51.100.40', { phone: freshPhone(), password: 'x1234567' }, via('192.0.2.99'))).status).toBe(429);
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored', async () => {
    const direct = await startTestApp({ RATE_LIMIT_LOGIN: '100/600', RATE_LIMIT_LOGIN_ADDRESS: '3/600' }, { databaseUrl: t.databaseUrl });
    try {
      for (let i = 0; i < 3; i++)
        expect(
          (await login(direct, '127.0.0.1', { phone: freshPhone(), password: 'x1234567' }, { 'x-forwarded-for': `203.0.113.${60 + i}` }))
            .status,
        ).toBe(401);
      expect(
        (await login(direct, '127.0.0.1', { phone: freshPhone(), password: 'x1234567' }, { 'x-forwarded-for': '203.0.113.70' })).status,
      ).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('counters live in PostgreSQL', () => {
  const env = { RATE_LIMIT_LOGIN: '3/600' };

  it('are shared by two API instances on one database and survive a restart', async () => {
    const a = await startTestApp(env);
    const b = await startTestApp(env, { databaseUrl: a.databaseUrl });
    let c: TestApp | undefined;
    try {
      const phone = freshPhone();
      expect(await wrongPasswords(a, '198.51.100.1', phone, 2)).toEqual([401, 401]);
      expect(await wrongPasswords(b, '198.51.100.2', phone, 1)).toEqual([401]);
      expect((await login(a, '198.51.100.3', { phone, password: 'x1234567' })).status).toBe(429);
      expect((await login(b, '198.51.100.4', { phone, password: 'x1234567' })).status).toBe(429);
      await b.close();
      c = await startTestApp(env, { databaseUrl: a.databaseUrl }); // b, restarted
      const afterRestart = await login(c, '198.51.100.5', { phone, password: 'x1234567' });
      expect(afterRestart.status).toBe(429);
      expect(Number(afterRestart.headers['retry-after'])).toBeLessThanOrEqual(600);
    } finally {
      await c?.close();
      await a.close();
    }
  });

  it('work on one connection (the embedded database): login, join and claims with every limit on', async () => {
    const t = await startTestApp();
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: t.databaseUrl });
    const embedded = await createApp({ ...config, databasePoolSize: 1 }, { url: t.databaseUrl, embedded: true }, ['error']);
    await embedded.listen(0, '127.0.0.1');
    try {
      const base = `${await embedded.getUrl()}/api/v1`;
      const post = (path: string, body: object, headers: Record<string, string> = {}) =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const shopPhone = freshPhone();
      const shop = await post('/auth/register', {
        role: 'business',
        name: 'Ravi',
        phone: shopPhone,
        password: PASSWORD,
        businessName: 'One Line Stores',
        upiId: 'oneline@ybl',
      });
      expect(shop.status).toBe(201);
      const shopToken = ((await shop.json()) as { accessToken: string }).accessToken;
      const me = (await (await fetch(`${base}/me`, { headers: { authorization: `Bearer ${shopToken}` } })).json()) as {
        business: { id: string; joinCode: string };
      };
      const phone = freshPhone();
      expect((await post('/auth/register', { role: 'customer', name: 'Asha', phone, password: PASSWORD })).status).toBe(201);
      expect((await post('/auth/login', { phone, password: 'wrong password' })).status).toBe(401);
      const loggedIn = await post('/auth/login', { phone, password: PASSWORD });
      expect(loggedIn.status).toBe(200);
      const auth = { authorization: `Bearer ${((await loggedIn.json()) as { accessToken: string }).accessToken}` };
      const preview = await fetch(`${base}/accounts/join-preview?joinCode=${me.business.joinCode}`, { headers: auth });
      expect(preview.status).toBe(200);
      expect((await post('/accounts/join', { joinCode: me.business.joinCode }, auth)).status).toBe(201);
      const claim = await post('/payments', { businessId: me.business.id, amount: '10' }, { ...auth, 'idempotency-key': randomUUID() });
      expect(claim.status).toBe(201);
    } finally {
      await embedded.close();
      await t.close();
    }
  });
});

describe('joining a shop on its Wi-Fi', () => {
  let t: TestApp;
  const SHOP_WIFI = '49.36.10.20';
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_JOIN: '3/600', RATE_LIMIT_JOIN_PREVIEW: '5/600' });
  });
  afterAll(() => t.close());

  const me = async (token: string) => (await send(t, 'GET', '/api/v1/me', { token })).body;
  const preview = (token: string, joinCode: string, from = SHOP_WIFI) =>
    send(t, 'GET', `/api/v1/accounts/join-preview?joinCode=${joinCode}`, { token, from });
  const join = (token: string, joinCode: string, from = SHOP_WIFI) =>
    send(t, 'POST', '/api/v1/accounts/join', { token, from, body: { joinCode } });

  it('the preview never spends the join budget', async () => {
    const shop = await register(t, SHOP_WIFI, 'business');
    const code = (await me(shop.token)).business.joinCode as string;
    const customer = await register(t, SHOP_WIFI);
    for (let i = 0; i < 8; i++) expect((await preview(customer.token, code)).status).toBe(200);
    for (const typo of ['ZZZZZZZ2', 'ZZZZZZZ3', 'ZZZZZZZ4']) expect((await preview(customer.token, typo)).status).toBe(404);
    const statuses: number[] = [];
    for (const guess of ['YYYYYYY2', 'YYYYYYY3', 'YYYYYYY4', 'YYYYYYY5']) statuses.push((await join(customer.token, guess)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it('previews have a budget of their own for codes that match nothing, with the real wait', async () => {
    const customer = await register(t, SHOP_WIFI);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await preview(customer.token, `XXXXXXX${i + 2}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const limited = await preview(customer.token, 'XXXXXXX9');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(500);
    expect(limited.body.detail).toContain(`${limited.headers['retry-after']} s`);
  });

  it('a successful join does not count; wrong codes do', async () => {
    const shops = await Promise.all([register(t, SHOP_WIFI, 'business'), register(t, SHOP_WIFI, 'business')]);
    const codes = await Promise.all(shops.map(async (s) => (await me(s.token)).business.joinCode as string));
    const customer = await register(t, SHOP_WIFI);
    expect((await join(customer.token, 'WWWWWWW2')).status).toBe(404);
    expect((await join(customer.token, codes[0])).status).toBe(201);
    expect((await join(customer.token, codes[0])).status).toBe(409); // already linked: a right code, not a guess
    expect((await join(customer.token, 'WWWWWWW3')).status).toBe(404);
    expect((await join(customer.token, codes[1])).status).toBe(201);
    expect((await join(customer.token, 'WWWWWWW4')).status).toBe(404);
    expect((await join(customer.token, 'WWWWWWW5')).status).toBe(429);
  });

  it('many neighbours on one address all preview and join the shop', async () => {
    const shop = await register(t, SHOP_WIFI, 'business');
    const code = (await me(shop.token)).business.joinCode as string;
    for (let i = 0; i < 15; i++) {
      const neighbour = await register(t, SHOP_WIFI);
      expect((await preview(neighbour.token, code)).status).toBe(200);
      expect((await preview(neighbour.token, code.slice(0, 7) + (code[7] === '2' ? '3' : '2'))).status).toBe(404); // a typo
      expect((await join(neighbour.token, code)).status).toBe(201);
    }
  });
});

describe('registration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_REGISTER: '2/600', RATE_LIMIT_REGISTER_ADDRESS: '4/600' });
  });
  afterAll(() => t.close());

  it('is limited per phone, with a per-address backstop', async () => {
    const phone = freshPhone();
    const attempt = (from: string, p = freshPhone()) =>
      send(t, 'POST', '/api/v1/auth/register', { from, body: { role: 'customer', name: 'A', phone: p, password: PASSWORD } });
    expect((await attempt('192.0.2.10', phone)).status).toBe(201);
    expect((await attempt('192.0.2.11', phone)).status).toBe(409);
    expect((await attempt('192.0.2.12', phone)).status).toBe(429);
    for (let i = 0; i < 4; i++) expect((await attempt('192.0.2.20')).status).toBe(201);
    expect((await attempt('192.0.2.20')).status).toBe(429);
    expect((await attempt('192.0.2.21')).status).toBe(201);
  });
});
