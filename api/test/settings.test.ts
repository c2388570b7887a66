import { createHash, randomUUID } from 'node:crypto';
import { freshPhone, linkedPair, PASSWORD, pendingClaim } from './support/actors';
import { databaseFingerprint } from './support/snapshot';
import { startTestApp, TestApp } from './support/test-app';

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const NEW_PASSWORD = 'a new long passphrase';

describe('settings and getting back in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_LOGIN: '4/600' });
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (phone: string, password: string) => t.http.post('/api/v1/auth/login').send({ phone, password });
  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const recover = (phone: string, recoveryCode: string, newPassword = NEW_PASSWORD) =>
    t.http.post('/api/v1/auth/recover').send({ phone, recoveryCode, newPassword });

  async function registerWithCodes(role: 'customer' | 'business' = 'customer') {
    const phone = freshPhone();
    const res = await t.http
      .post('/api/v1/auth/register')
      .send(
        role === 'business'
          ? { role, name: 'Ravi', phone, password: PASSWORD, businessName: 'Ravi Stores', upiId: 'ravi@ybl' }
          : { role, name: 'Asha', phone, password: PASSWORD },
      );
    expect(res.status).toBe(201);
    return { phone, userId: res.body.user.id as string, codes: res.body.recoveryCodes as string[], session: res.body };
  }

  describe('recovery codes', () => {
    it('registration hands out 8 one-time codes, once; only salted hashes are kept', async () => {
      const { userId, codes } = await registerWithCodes();
      expect(codes).toHaveLength(8);
      expect(new Set(codes).size).toBe(8);
      for (const code of codes) expect(code).toMatch(CODE);
      const { rows } = await t.db.query(`SELECT code_hash FROM recovery_codes WHERE user_id = $1`, [userId]);
      expect(rows.map((r) => r.code_hash).sort()).toEqual(
        codes
          .map((c) =>
            createHash('sha256')
              .update(`${userId}:${c.replace(/-/g, '')}`)
              .digest('hex'),
          )
          .sort(),
      );
      expect(JSON.stringify(rows)).not.toContain(codes[0].slice(0, 4) + '-');
    });

    it('one code sets a new password, ends every session and is spent; a wrong code changes nothing', async () => {
      const { phone, codes, session } = await registerWithCodes();
      const other = await login(phone, PASSWORD);
      expect(other.status).toBe(200);

      const before = await databaseFingerprint(t.db);
      const wrong = await recover(phone, 'AAAA-BBBB-CCCC');
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('RECOVERY_CODE_INVALID');
      const unknownPhone = await recover(freshPhone(), codes[0]);
      expect(unknownPhone.status).toBe(401);
      expect(unknownPhone.body.code).toBe('RECOVERY_CODE_INVALID');
      const notACode = await recover(phone, '!!');
      expect(notACode.body.code).toBe('RECOVERY_CODE_INVALID');
      expect(await databaseFingerprint(t.db)).toEqual(before);

      // Typed as a person would: lower case, spaces.
      const ok = await recover(phone, codes[2].toLowerCase().replace(/-/g, ' '));
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ recoveryCodesLeft: 7 });

      expect((await refresh(session.refreshToken)).status).toBe(401);
      expect((await refresh(other.body.refreshToken)).status).toBe(401);
      expect((await login(phone, PASSWORD)).status).toBe(401);
      expect((await login(phone, NEW_PASSWORD)).status).toBe(200);

      const again = await recover(phone, codes[2], 'yet another passphrase');
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('RECOVERY_CODE_INVALID');
      expect((await login(phone, NEW_PASSWORD)).status).toBe(200);
    });

    it('guesses at codes are limited with the login budget of the phone', async () => {
      const { phone, codes } = await registerWithCodes();
      for (let i = 0; i < 4; i++) expect((await recover(phone, `AAAA-BBBB-CCC${i}`)).status).toBe(401);
      const limited = await recover(phone, codes[0]);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Nothing was spent by the refused attempt.
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM recovery_codes rc JOIN users u ON u.id = rc.user_id WHERE u.phone = $1`,
        [phone],
      );
      expect(rows[0].n).toBe(8);
    });

    it('settings make new codes with the password; the old ones die', async () => {
      const { phone, codes, session } = await registerWithCodes();
      const wrong = await t.http.post('/api/v1/me/recovery-codes').set(bearer(session.accessToken)).send({ password: 'not it at all' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('PASSWORD_INCORRECT');
      expect(wrong.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);

      const fresh = await t.http.post('/api/v1/me/recovery-codes').set(bearer(session.accessToken)).send({ password: PASSWORD });
      expect(fresh.status).toBe(200);
      expect(fresh.body.recoveryCodes).toHaveLength(8);
      expect(fresh.body.recoveryCodes.some((c: string) => codes.includes(c))).toBe(false);

      expect((await recover(phone, codes[0])).body.code).toBe('RECOVERY_CODE_INVALID');
      expect((await recover(phone, fresh.body.recoveryCodes[0])).status).toBe(200);
    });
  });

  describe('password and sessions', () => {
    it('a new password ends the other sessions; this one carries on with the answer’s tokens', async () => {
      const { phone, session } = await registerWithCodes();
      const other = await login(phone, PASSWORD);

      const before = await databaseFingerprint(t.db);
      const wrong = await t.http
        .post('/api/v1/me/password')
        .set(bearer(session.accessToken))
        .send({ currentPassword: 'wrong password', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('PASSWORD_INCORRECT');
      expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
      const short = await t.http
        .post('/api/v1/me/password')
        .set(bearer(session.accessToken))
        .send({ currentPassword: PASSWORD, newPassword: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.code).toBe('VALIDATION_FAILED');
      expect(await databaseFingerprint(t.db)).toEqual(before);

      const changed = await t.http
        .post('/api/v1/me/password')
        .set(bearer(session.accessToken))
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(200);
      expect(changed.body.user.phone).toBe(phone);

      expect((await refresh(other.body.refreshToken)).status).toBe(401);
      expect((await refresh(session.refreshToken)).status).toBe(401);
      const carriedOn = await refresh(changed.body.refreshToken);
      expect(carriedOn.status).toBe(200);
      expect((await login(phone, PASSWORD)).status).toBe(401);
      expect((await login(phone, NEW_PASSWORD)).status).toBe(200);
    });

    it("wrong passwords in settings spend the user's login budget: then 429 on each operation that asks for it", async () => {
      const { session } = await registerWithCodes();
      const auth = bearer(session.accessToken);
      for (let i = 0; i < 4; i++) {
        const wrong = await t.http
          .post('/api/v1/me/password')
          .set(auth)
          .send({ currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD });
        expect(wrong.status).toBe(400);
        expect(wrong.body.code).toBe('PASSWORD_INCORRECT');
      }
      const before = await databaseFingerprint(t.db);
      for (const req of [
        t.http.post('/api/v1/me/password').send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
        t.http.post('/api/v1/me/recovery-codes').send({ password: PASSWORD }),
        t.http.post('/api/v1/me/close').send({ password: PASSWORD }),
      ]) {
        const limited = await req.set(auth);
        expect(limited.status).toBe(429);
        expect(limited.body.code).toBe('RATE_LIMITED');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      }
      // Even the right password changed nothing while the budget is spent.
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('log out everywhere revokes every login of the user, and only theirs', async () => {
      const a = await registerWithCodes();
      const b = await registerWithCodes();
      const second = await login(a.phone, PASSWORD);
      const res = await t.http.post('/api/v1/me/logout-everywhere').set(bearer(a.session.accessToken));
      expect(res.status).toBe(204);
      expect((await refresh(a.session.refreshToken)).status).toBe(401);
      expect((await refresh(second.body.refreshToken)).status).toBe(401);
      expect((await refresh(b.session.refreshToken)).status).toBe(200);
      expect((await login(a.phone, PASSWORD)).status).toBe(200);
    });
  });

  describe('download my data', () => {
    it('JSON and CSV of the caller’s own tenant, as downloads', async () => {
      const pair = await linkedPair(t, '1250.50');
      const stranger = await linkedPair(t, '99.00');
      const claimId = await pendingClaim(t, pair.customer, pair.business.businessId, '250.00');
      await pendingClaim(t, stranger.customer, stranger.business.businessId, '10.00');

      for (const [who, actor] of [
        ['owner', pair.business],
        ['customer', pair.customer],
      ] as const) {
        const json = await t.http.get('/api/v1/me/data').set(actor.auth);
        expect(json.status).toBe(200);
        expect(json.headers['content-disposition']).toMatch(/^attachment; filename="khata-pay-data-\d{4}-\d{2}-\d{2}\.json"$/);
        expect(json.body.profile).toMatchObject({ id: actor.userId, phone: actor.phone, role: who === 'owner' ? 'business' : 'customer' });
        expect(json.body.shop === null).toBe(who === 'customer');
        expect(json.body.accounts).toEqual([expect.objectContaining({ id: pair.accountId, currentBalance: '1250.50' })]);
        expect(json.body.entries).toEqual([
          expect.objectContaining({ accountId: pair.accountId, type: 'credit', amount: '1250.50', entryNo: 1 }),
        ]);
        expect(json.body.claims).toEqual([expect.objectContaining({ id: claimId, amount: '250.00', status: 'pending', decidedAt: null })]);
        const text = JSON.stringify(json.body);
        expect(text).not.toContain(stranger.accountId);
        expect(text).not.toContain(stranger.customer.phone);

        const csv = await t.http.get('/api/v1/me/data.csv').set(actor.auth).buffer(true);
        expect(csv.status).toBe(200);
        expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="khata-pay-data-\d{4}-\d{2}-\d{2}\.csv"$/);
        const lines = csv.text
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n');
        expect(lines[0]).toBe('record,id,at,shop,account_id,name,phone,type,amount,balance_after,status,utr,notes');
        expect(lines.map((l) => l.split(',')[0])).toEqual([
          'record',
          'profile',
          ...(who === 'owner' ? ['shop'] : []),
          'account',
          'entry',
          'claim',
        ]);
        expect(lines.find((l) => l.startsWith('entry,'))).toContain(',credit,1250.50,1250.50,');
        expect(csv.text).not.toContain(stranger.accountId);
      }
    });
  });

  describe('closing an account', () => {
    it('a customer: the login goes, the shop keeps the books under a pseudonym, the phone may register again', async () => {
      const pair = await linkedPair(t, '300.00');
      const claimId = await pendingClaim(t, pair.customer, pair.business.businessId, '100.00');

      const before = await databaseFingerprint(t.db);
      const wrong = await t.http.post('/api/v1/me/close').set(pair.customer.auth).send({ password: 'not my password' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('PASSWORD_INCORRECT');
      expect(await databaseFingerprint(t.db)).toEqual(before);

      const closed = await t.http.post('/api/v1/me/close').set(pair.customer.auth).send({ password: PASSWORD });
      expect(closed.status).toBe(204);

      expect((await login(pair.customer.phone, PASSWORD)).status).toBe(401);
      expect((await refresh(pair.customer.refreshToken)).status).toBe(401);
      expect((await t.http.get('/api/v1/me').set(pair.customer.auth)).status).toBe(401);

      const account = await t.http.get(`/api/v1/accounts/${pair.accountId}`).set(pair.business.auth);
      expect(account.status).toBe(200);
      expect(account.body.customerName).toMatch(/^Closed account [0-9A-F]{4}$/);
      expect(account.body.customerPhone).toBe('+911000000000');
      expect(account.body.currentBalance).toBe('300.00');
      const entries = await t.http.get(`/api/v1/accounts/${pair.accountId}/transactions`).set(pair.business.auth);
      expect(entries.body.items).toHaveLength(1);
      const claim = await t.http.get(`/api/v1/payments/${claimId}`).set(pair.business.auth);
      expect(claim.body.customerName).toBe(account.body.customerName);
      expect(JSON.stringify([account.body, entries.body, claim.body])).not.toContain(pair.customer.phone.slice(3));

      const { rows } = await t.db.query(
        `SELECT u.name, u.phone, u.password_hash, u.closed_at, c.name AS customer_name, c.phone AS customer_phone,
                (SELECT count(*)::int FROM recovery_codes r WHERE r.user_id = u.id) AS codes
           FROM users u JOIN customers c ON c.user_id = u.id WHERE u.id = $1`,
        [pair.customer.userId],
      );
      expect(rows[0]).toMatchObject({ phone: null, password_hash: null, customer_phone: '+911000000000', codes: 0 });
      expect(rows[0].name).toBe(account.body.customerName);
      expect(rows[0].closed_at).not.toBeNull();

      const again = await t.http
        .post('/api/v1/auth/register')
        .send({ role: 'customer', name: 'Asha', phone: pair.customer.phone, password: PASSWORD });
      expect(again.status).toBe(201);
      expect(again.body.user.id).not.toBe(pair.customer.userId);
    });

    it('a shop owner: refused with a clear 409 while the books are open, closed once settled; customers keep reading', async () => {
      const pair = await linkedPair(t, '500.00');
      const claimId = await pendingClaim(t, pair.customer, pair.business.businessId, '100.00');

      const before = await databaseFingerprint(t.db);
      const refused = await t.http.post('/api/v1/me/close').set(pair.business.auth).send({ password: PASSWORD });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('SHOP_HAS_OPEN_BOOKS');
      expect(refused.body.detail).toContain('1 account with money owed or paid in advance and 1 claim waiting for a decision');
      expect(await databaseFingerprint(t.db)).toEqual(before);

      const rejected = await t.http
        .post(`/api/v1/payments/${claimId}/reject`)
        .set(pair.business.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ reason: 'Amount not received in our account' });
      expect(rejected.status).toBe(200);
      const paid = await t.http
        .post(`/api/v1/accounts/${pair.accountId}/transactions`)
        .set(pair.business.auth)
        .send({ type: 'payment', amount: '500.00', notes: 'Cash' });
      expect(paid.status).toBe(201);

      const closed = await t.http.post('/api/v1/me/close').set(pair.business.auth).send({ password: PASSWORD });
      expect(closed.status).toBe(204);
      expect((await login(pair.business.phone, PASSWORD)).status).toBe(401);

      const newcomer = await registerWithCodes();
      const joining = await t.http
        .post('/api/v1/accounts/join')
        .set(bearer(newcomer.session.accessToken))
        .send({ joinCode: pair.business.joinCode });
      expect(joining.status).toBe(404);
      expect(joining.body.code).toBe('CODE_NOT_FOUND');
      const { rows } = await t.db.query(`SELECT closed_at, join_code, name FROM businesses WHERE id = $1`, [pair.business.businessId]);
      expect(rows[0]).toMatchObject({ join_code: null, name: 'Test Kirana' });
      expect(rows[0].closed_at).not.toBeNull();

      const ledger = await t.http.get(`/api/v1/accounts/${pair.accountId}/transactions`).set(pair.customer.auth);
      expect(ledger.status).toBe(200);
      expect(ledger.body.items).toHaveLength(2);

      // A customer reads the closed shop's books but sends it no more claims.
      const late = await t.http
        .post('/api/v1/payments')
        .set(pair.customer.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ businessId: pair.business.businessId, amount: '10.00' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('SHOP_CLOSED');
    });

    it('the database keeps a closed login without phone or password, and an open one with both', async () => {
      const { userId } = await registerWithCodes();
      await expect(t.db.query(`UPDATE users SET closed_at = now() WHERE id = $1`, [userId])).rejects.toMatchObject({
        code: '23514',
        constraint: 'users_closed_check',
      });
      await expect(t.db.query(`UPDATE users SET phone = NULL WHERE id = $1`, [userId])).rejects.toMatchObject({
        code: '23514',
        constraint: 'users_closed_check',
      });
      const shop = await registerWithCodes('business');
      await expect(t.db.query(`UPDATE businesses SET join_code = NULL WHERE owner_user_id = $1`, [shop.userId])).rejects.toMatchObject({
        code: '23514',
        constraint: 'businesses_closed_check',
      });
    });
  });
});
