import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { AuthService } from '../src/auth/auth.service';
import { LoginAttempts } from '../src/auth/login-attempts';
import { RateLimitService } from '../src/rate-limit/rate-limit.service';
import { registerCustomer } from './support/actors';
import { startTestApp, TestApp } from './support/test-app';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('refresh-token families', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REFRESH_TOKEN_TTL_SECONDS: '600', REFRESH_FAMILY_TTL_SECONDS: '3600' });
  });
  afterAll(() => t.close());

  const tokenRow = async (token: string) =>
    (
      await t.db.query(
        `SELECT t.expires_at, f.id AS family_id, f.expires_at AS family_expires_at
           FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id WHERE t.token_hash = $1`,
        [sha256(token)],
      )
    ).rows[0];
  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });

  it('rotations slide each token’s expiry, never past the family’s absolute end', async () => {
    const customer = await registerCustomer(t);
    const first = await tokenRow(customer.refreshToken);
    const familyEnd = first.family_expires_at.getTime();
    expect(familyEnd - Date.now()).toBeGreaterThan(3500 * 1000);
    expect(familyEnd - Date.now()).toBeLessThanOrEqual(3600 * 1000);
    expect(first.expires_at.getTime()).toBeLessThan(familyEnd); // 10 minutes, well inside the hour

    // Five minutes before the family ends, a rotation grants those five minutes, not the sliding ten.
    await t.db.query(`UPDATE refresh_token_families SET expires_at = now() + interval '5 minutes' WHERE id = $1`, [first.family_id]);
    const rotated = await refresh(customer.refreshToken);
    expect(rotated.status).toBe(200);
    const second = await tokenRow(rotated.body.refreshToken);
    expect(second.family_id).toBe(first.family_id);
    expect(second.expires_at.getTime()).toBe(second.family_expires_at.getTime());

    // Once the family has ended, no token of it works, however fresh.
    await t.db.query(`UPDATE refresh_token_families SET expires_at = now() - interval '1 second' WHERE id = $1`, [first.family_id]);
    const ended = await refresh(rotated.body.refreshToken);
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('a logout racing a refresh in flight leaves no token of the family alive', async () => {
    const customer = await registerCustomer(t);
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    const waiting = async (count: number) => {
      for (let i = 0; i < 500; i++) {
        const { rows } = await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].n >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`never saw ${count} requests waiting on a lock`);
    };
    try {
      // Hold the user's row: the refresh stops when it inserts the new token (its foreign key check waits), mid-transaction.
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [customer.userId]);
      const refreshing = refresh(customer.refreshToken).then((r) => r);
      await waiting(1);
      const loggingOut = t.http
        .post('/api/v1/auth/logout')
        .send({ refreshToken: customer.refreshToken })
        .then((r) => r);
      await waiting(2);
      await holder.query('COMMIT');
      const [refreshed, loggedOut] = await Promise.all([refreshing, loggingOut]);
      expect(loggedOut.status).toBe(204);
      if (refreshed.status === 200) {
        // The refresh won the race: what it minted must die with the family.
        const after = await refresh(refreshed.body.refreshToken);
        expect(after.status).toBe(401);
      } else {
        expect(refreshed.status).toBe(401);
      }
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS alive FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
          WHERE t.user_id = $1 AND f.revoked_at IS NULL`,
        [customer.userId],
      );
      expect(rows[0].alive).toBe(0);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });

  it('reuse of a spent token still revokes the family (spent tokens are kept while they could be replayed)', async () => {
    const customer = await registerCustomer(t);
    const rotated = await refresh(customer.refreshToken);
    await t.app.get(AuthService).purgeEndedTokens();
    const reuse = await refresh(customer.refreshToken);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
  });
});

describe('purges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('delete ended families and expired tokens past a day, and keep everything still useful', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => registerCustomer(t)));
    const [endedLongAgo, revokedLongAgo, revokedJustNow, spentButLive, expiredInLiveFamily] = users;
    const family = async (token: string) =>
      (await t.db.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [sha256(token)])).rows[0].family_id;
    await t.db.query(`UPDATE refresh_token_families SET expires_at = now() - interval '2 days' WHERE id = $1`, [
      await family(endedLongAgo.refreshToken),
    ]);
    await t.db.query(`UPDATE refresh_token_families SET revoked_at = now() - interval '2 days' WHERE id = $1`, [
      await family(revokedLongAgo.refreshToken),
    ]);
    await t.db.query(`UPDATE refresh_token_families SET revoked_at = now() - interval '1 hour' WHERE id = $1`, [
      await family(revokedJustNow.refreshToken),
    ]);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: spentButLive.refreshToken }).expect(200);
    const kept = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: expiredInLiveFamily.refreshToken }).expect(200);
    await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '2 days' WHERE token_hash = $1`, [
      sha256(expiredInLiveFamily.refreshToken),
    ]);

    const purged = await t.app.get(AuthService).purgeEndedTokens();
    expect(purged).toEqual({ families: 2, tokens: 1 });
    const left = async (token: string) =>
      (await t.db.query(`SELECT 1 FROM refresh_tokens WHERE token_hash = $1`, [sha256(token)])).rowCount;
    expect(await left(endedLongAgo.refreshToken)).toBe(0);
    expect(await left(revokedLongAgo.refreshToken)).toBe(0);
    expect(await left(revokedJustNow.refreshToken)).toBe(1);
    expect(await left(spentButLive.refreshToken)).toBe(1);
    expect(await left(expiredInLiveFamily.refreshToken)).toBe(0);
    expect(await left(kept.body.refreshToken)).toBe(1);
  });

  it('delete ended rate-limit windows and devices not seen for 90 days', async () => {
    await t.db.query(
      `INSERT INTO rate_limit_counters (key, hits, resets_at) VALUES ('login:phone:+910000000001', 3, now() - interval '1 second'),
         ('login:phone:+910000000002', 3, now() + interval '10 minutes')`,
    );
    expect(await t.app.get(RateLimitService).purgeExpired()).toBeGreaterThanOrEqual(1);
    const { rows } = await t.db.query(`SELECT key FROM rate_limit_counters WHERE key LIKE 'login:phone:+91000000000%'`);
    expect(rows).toEqual([{ key: 'login:phone:+910000000002' }]);

    const customer = await registerCustomer(t);
    await t.db.query(`UPDATE login_known_sources SET last_success_at = now() - interval '91 days' WHERE user_id = $1 AND kind = 'device'`, [
      customer.userId,
    ]);
    expect(await t.app.get(LoginAttempts).purgeStale()).toBe(1);
    const { rows: sources } = await t.db.query(`SELECT kind FROM login_known_sources WHERE user_id = $1`, [customer.userId]);
    expect(sources).toEqual([{ kind: 'address' }]);
  });
});
