import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const SECRET = 'x'.repeat(32);
const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/khata';
const dataDir = () => mkdtempSync(join(tmpdir(), 'khata-config-'));

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, { dataDir: dataDir() });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig: production is safe by default', () => {
  it('an unset NODE_ENV is production: no demo data, no dev endpoints, no generated secret', () => {
    const config = loadConfig({ JWT_SECRET: SECRET, DATABASE_URL }, { dataDir: dataDir() });
    expect(config).toMatchObject({ nodeEnv: 'production', devEndpoints: false, demoData: false });
    expect(refusal({ DATABASE_URL }).variable).toBe('JWT_SECRET');
  });

  it.each([
    ['DEV_ENDPOINTS', { DEV_ENDPOINTS: 'true' }],
    ['DEMO_DATA', { DEMO_DATA: 'true' }],
    ['DATABASE_URL', { DATABASE_URL: '' }],
    ['WEBHOOK_ALLOW_PRIVATE', { WEBHOOK_ALLOW_PRIVATE: 'true' }],
  ])('production refuses to start with %s, naming it', (variable, patch) => {
    for (const nodeEnv of [{ NODE_ENV: 'production' }, {}] as Record<string, string>[]) {
      const error = refusal({ JWT_SECRET: SECRET, DATABASE_URL, ...nodeEnv, ...patch });
      expect(error.variable).toBe(variable);
      expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} .*refused when NODE_ENV=production`));
    }
  });

  it('production may switch the conveniences off explicitly', () => {
    const config = loadConfig(
      { NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL, DEV_ENDPOINTS: 'false', DEMO_DATA: 'false' },
      { dataDir: dataDir() },
    );
    expect(config).toMatchObject({ devEndpoints: false, demoData: false });
  });

  it('development (npm start) keeps every convenience: embedded database, demo data, dev endpoints, a kept secret', () => {
    const folder = dataDir();
    const config = loadConfig({ NODE_ENV: 'development' }, { dataDir: folder });
    expect(config).toMatchObject({ nodeEnv: 'development', databaseUrl: null, devEndpoints: true, demoData: true });
    expect(loadConfig({ NODE_ENV: 'development' }, { dataDir: folder }).jwtSecret).toBe(config.jwtSecret);
  });
});

describe('loadConfig: webhooks', () => {
  it('the schedule of the best providers, 15 s, https only and public addresses only by default', () => {
    const { webhooks } = loadConfig({ JWT_SECRET: SECRET, DATABASE_URL }, { dataDir: dataDir() });
    expect(webhooks).toEqual({
      relay: true,
      allowPrivate: false,
      allowHttp: false,
      timeoutMs: 15_000,
      retrySchedule: [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      disableAfterMs: 5 * 86_400_000,
      rotationWindowMs: 86_400_000,
      secretsKey: expect.any(Buffer),
      secretsKeyGiven: false,
    });
    expect(webhooks.secretsKey).toHaveLength(32);
  });

  it('endpoint secrets are sealed with WEBHOOK_SECRETS_KEY, else with a key derived from JWT_SECRET', () => {
    const env = { JWT_SECRET: SECRET, DATABASE_URL };
    const derived = loadConfig(env, { dataDir: dataDir() }).webhooks;
    expect(loadConfig(env, { dataDir: dataDir() }).webhooks.secretsKey.equals(derived.secretsKey)).toBe(true);
    const given = loadConfig({ ...env, WEBHOOK_SECRETS_KEY: 'k'.repeat(32) }, { dataDir: dataDir() }).webhooks;
    expect(given.secretsKeyGiven).toBe(true);
    expect(given.secretsKey).toHaveLength(32);
    expect(given.secretsKey.equals(derived.secretsKey)).toBe(false);
    expect(given.secretsKey.equals(Buffer.from(SECRET))).toBe(false);
    expect(refusal({ ...env, WEBHOOK_SECRETS_KEY: 'k'.repeat(31) }).variable).toBe('WEBHOOK_SECRETS_KEY');
  });

  it('tests may shrink the schedule and allow a local receiver; nonsense is refused, naming the variable', () => {
    const env = { NODE_ENV: 'test', JWT_SECRET: SECRET, DATABASE_URL };
    const { webhooks } = loadConfig({ ...env, WEBHOOK_RETRY_SCHEDULE: '0,50ms,1s', WEBHOOK_ALLOW_PRIVATE: 'true' }, { dataDir: dataDir() });
    expect(webhooks).toMatchObject({ retrySchedule: [0, 50, 1000], allowPrivate: true, allowHttp: true });
    expect(refusal({ ...env, WEBHOOK_RETRY_SCHEDULE: '0,soon' }).variable).toBe('WEBHOOK_RETRY_SCHEDULE');
    expect(refusal({ ...env, WEBHOOK_TIMEOUT: '2m' }).variable).toBe('WEBHOOK_TIMEOUT');
    expect(refusal({ ...env, WEBHOOKS_RELAY: 'maybe' }).variable).toBe('WEBHOOKS_RELAY');
  });
});
