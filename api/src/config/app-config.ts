import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/** A budget: at most `points` counted attempts per window of `durationSeconds`. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/**
 * Every rate-limit budget, by the name its counters are kept under. "Per address" budgets are generous backstops:
 * hundreds of people share one address behind a shop's Wi-Fi or a carrier's NAT. See README, "Configuration".
 */
export interface RateLimits {
  /** Failed logins per phone, from devices and addresses that never logged in to it. */
  login: RateLimit | null;
  /** Failed logins per phone from one device or address that logged in to it before (its own, smaller budget). */
  loginKnown: RateLimit | null;
  /** Failed logins per address, whatever the phone. */
  loginAddress: RateLimit | null;
  /** Registrations per phone. */
  register: RateLimit | null;
  registerAddress: RateLimit | null;
  /** Joins with a code that matches nothing, per user. */
  join: RateLimit | null;
  joinAddress: RateLimit | null;
  /** Code previews that match nothing, per user: its own budget, so typing a code never spends the join budget. */
  joinPreview: RateLimit | null;
  joinPreviewAddress: RateLimit | null;
  /** Payment claims per user (every claim counts). */
  claims: RateLimit | null;
  claimsAddress: RateLimit | null;
  /** Requests per API key, whatever the operation (every request counts). */
  apiKey: RateLimit | null;
}

/** Fastify's `trustProxy`: whose X-Forwarded-For to believe. */
export type TrustProxy = boolean | string[];

/** The validated environment. Built once at start-up by `loadConfig`; nothing else reads `process.env`. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  /** Timeouts that keep every request bounded when the database misbehaves (milliseconds). */
  databaseTimeouts: { connect: number; statement: number; idleInTransaction: number };
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  /** Sliding: each rotation grants this much again, but never beyond the family's end. */
  refreshTokenTtlSeconds: number;
  /** Absolute: a login's refresh-token family ends this long after the login, however often it is used. */
  refreshFamilyTtlSeconds: number;
  /** Which proxies' X-Forwarded-For gives the client address (false: the socket's peer is the client). */
  trustProxy: TrustProxy;
  customerAppUrl: string | null;
  businessAppUrl: string | null;
  devEndpoints: boolean;
  /** Seed the demo shop and customers into an empty database at start-up. */
  demoData: boolean;
  rateLimits: RateLimits;
  /** Folder of the built SPA to serve at `/`, or null to serve the API only. */
  webRoot: string | null;
  /** How often each process looks for live events that no notification announced (milliseconds). */
  eventsPollMs: number;
  webhooks: WebhooksConfig;
}

/** Webhook delivery (README, "Integrating" and "Configuration"). */
export interface WebhooksConfig {
  /** Run the relay (fan-out and delivery) in this process. */
  relay: boolean;
  /** Let endpoints resolve to private, loopback, link-local ... addresses (refused in production). */
  allowPrivate: boolean;
  /** http:// endpoints too (never in production). */
  allowHttp: boolean;
  /** One attempt's bound, connection to last byte (milliseconds). */
  timeoutMs: number;
  /** The wait before each attempt: the first is `[0]` (immediately), then after each failure the next. */
  retrySchedule: number[];
  /** An endpoint failing without a single success for this long is disabled (milliseconds). */
  disableAfterMs: number;
  /** After a rotation the old secret signs too, for this long (milliseconds). */
  rotationWindowMs: number;
  /** The key endpoint secrets are encrypted with at rest (32 bytes, from WEBHOOK_SECRETS_KEY or JWT_SECRET). */
  secretsKey: Buffer;
  /** Whether `secretsKey` comes from WEBHOOK_SECRETS_KEY (else it is derived from JWT_SECRET). */
  secretsKeyGiven: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function readString(env: Env, name: string): string | null {
  const value = env[name];
  if (value === undefined || value.trim() === '') return null;
  return value.trim();
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = readString(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = readString(env, name);
  if (raw === null) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readUrl(env: Env, name: string): string | null {
  const raw = readString(env, name);
  if (raw === null) return null;
  try {
    const url = new URL(raw);
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error('protocol');
    return url.origin;
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
}

function readDatabaseUrl(env: Env, name: string): string | null {
  const raw = readString(env, name);
  if (raw === null) return null;
  try {
    const url = new URL(raw);
    if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be a postgres:// URL`);
  }
  return raw;
}

/** "10/900" = 10 attempts per 900 seconds; "off" disables the limit (as does `off` on the operation's main variable). */
function readRateLimit(env: Env, name: string, fallback: RateLimit, operationOff = false): RateLimit | null {
  const raw = readString(env, name);
  let limit: RateLimit | null = fallback;
  if (raw !== null && /^off$/i.test(raw)) limit = null;
  else if (raw !== null) {
    const match = /^(\d+)\/(\d+)$/.exec(raw);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new ConfigError(name, `must be "attempts/seconds" (e.g. "10/900") or "off", got "${raw}"`);
    }
    limit = { points: Number(match[1]), durationSeconds: Number(match[2]) };
  }
  return operationOff ? null : limit;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `TRUST_PROXY`: off by default (the socket's peer is the client). `true` trusts every hop (only behind a proxy that
 * overwrites X-Forwarded-For), and a comma-separated list of addresses, CIDRs or Fastify's names (`loopback`,
 * `linklocal`, `uniquelocal`) trusts those proxies. No hop counts: a count cannot tell whether the peer is a proxy at
 * all, and Fastify 5 ignores one (it trusts nobody), so a count would silently do nothing.
 */
function readTrustProxy(env: Env, name: string): TrustProxy {
  const raw = readString(env, name);
  if (raw === null || /^(false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError(
        name,
        `must be true, false or a comma-separated list of proxy addresses or CIDRs (or loopback, linklocal, uniquelocal); "${entry}" is none of these`,
      );
    }
  }
  return entries;
}

/** In development a random secret is made once and kept in the data folder, so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const isOff = (env: Env, name: string) => /^off$/i.test(readString(env, name) ?? '');

/** `RATE_LIMIT_<OPERATION>=off` turns off every budget of that operation, its per-address backstop included. */
function readRateLimits(env: Env): RateLimits {
  const loginOff = isOff(env, 'RATE_LIMIT_LOGIN');
  const registerOff = isOff(env, 'RATE_LIMIT_REGISTER');
  const joinOff = isOff(env, 'RATE_LIMIT_JOIN');
  const claimsOff = isOff(env, 'RATE_LIMIT_CLAIMS');
  const window = (points: number, durationSeconds: number): RateLimit => ({ points, durationSeconds });
  return {
    login: readRateLimit(env, 'RATE_LIMIT_LOGIN', window(10, 900)),
    loginKnown: readRateLimit(env, 'RATE_LIMIT_LOGIN_KNOWN', window(5, 900), loginOff),
    loginAddress: readRateLimit(env, 'RATE_LIMIT_LOGIN_ADDRESS', window(100, 900), loginOff),
    register: readRateLimit(env, 'RATE_LIMIT_REGISTER', window(10, 3600)),
    registerAddress: readRateLimit(env, 'RATE_LIMIT_REGISTER_ADDRESS', window(100, 3600), registerOff),
    join: readRateLimit(env, 'RATE_LIMIT_JOIN', window(10, 900)),
    joinAddress: readRateLimit(env, 'RATE_LIMIT_JOIN_ADDRESS', window(100, 900), joinOff),
    joinPreview: readRateLimit(env, 'RATE_LIMIT_JOIN_PREVIEW', window(30, 900), joinOff),
    joinPreviewAddress: readRateLimit(env, 'RATE_LIMIT_JOIN_PREVIEW_ADDRESS', window(300, 900), joinOff),
    claims: readRateLimit(env, 'RATE_LIMIT_CLAIMS', window(60, 3600)),
    claimsAddress: readRateLimit(env, 'RATE_LIMIT_CLAIMS_ADDRESS', window(600, 3600), claimsOff),
    apiKey: readRateLimit(env, 'RATE_LIMIT_API_KEY', window(600, 60)),
  };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "0", "250ms", "5s", "5m", "2h", "5d". */
function parseDuration(raw: string): number | null {
  const match = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] ?? 'ms'];
}

function readDuration(env: Env, name: string, fallback: string, minMs: number, maxMs: number): number {
  const raw = readString(env, name) ?? fallback;
  const value = parseDuration(raw);
  if (value === null) throw new ConfigError(name, `must be a duration such as 500ms, 15s, 5m, 2h or 5d, got "${raw}"`);
  if (value < minMs || value > maxMs) throw new ConfigError(name, `must be between ${minMs} ms and ${maxMs} ms, got "${raw}"`);
  return value;
}

/** The schedule of the best providers: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about three days). */
export const DEFAULT_RETRY_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,10h';

function readSchedule(env: Env, name: string): number[] {
  const raw = readString(env, name) ?? DEFAULT_RETRY_SCHEDULE;
  const steps = raw.split(',').map(parseDuration);
  if (steps.length < 1 || steps.length > 20 || steps.some((s) => s === null || s > 7 * 86_400_000)) {
    throw new ConfigError(name, `must be 1 to 20 comma-separated durations of at most 7d (e.g. "${DEFAULT_RETRY_SCHEDULE}"), got "${raw}"`);
  }
  return steps as number[];
}

/**
 * The key for endpoint secrets at rest: HKDF-SHA256 of WEBHOOK_SECRETS_KEY, or of JWT_SECRET when it is unset (one
 * secret less to manage, but rotating JWT_SECRET then makes the stored endpoint secrets unreadable: each endpoint's
 * attempts fail, saying so, until its secret is rotated).
 */
function readSecretsKey(env: Env, jwtSecret: string): { secretsKey: Buffer; secretsKeyGiven: boolean } {
  const given = readString(env, 'WEBHOOK_SECRETS_KEY');
  if (given !== null && given.length < 32) throw new ConfigError('WEBHOOK_SECRETS_KEY', 'must be at least 32 characters');
  const secretsKey = Buffer.from(hkdfSync('sha256', given ?? jwtSecret, '', 'khata webhook endpoint secrets v1', 32));
  return { secretsKey, secretsKeyGiven: given !== null };
}

function readWebhooks(env: Env, production: boolean, jwtSecret: string): WebhooksConfig {
  const allowPrivate = readBool(env, 'WEBHOOK_ALLOW_PRIVATE', false);
  if (production && allowPrivate) {
    refuseInProduction('WEBHOOK_ALLOW_PRIVATE', 'is on: webhooks could be sent to the private network (SSRF)');
  }
  return {
    relay: readBool(env, 'WEBHOOKS_RELAY', true),
    allowPrivate,
    allowHttp: !production,
    timeoutMs: readDuration(env, 'WEBHOOK_TIMEOUT', '15s', 50, 60_000),
    retrySchedule: readSchedule(env, 'WEBHOOK_RETRY_SCHEDULE'),
    disableAfterMs: readDuration(env, 'WEBHOOK_DISABLE_AFTER', '5d', 1, 30 * 86_400_000),
    rotationWindowMs: readDuration(env, 'WEBHOOK_ROTATION_WINDOW', '24h', 1, 7 * 86_400_000),
    ...readSecretsKey(env, jwtSecret),
  };
}

/**
 * The development conveniences: each is on by default in development and test, and refused in production (a
 * process that would run with one of them stops at start-up and says which).
 */
function refuseInProduction(variable: string, why: string): never {
  throw new ConfigError(variable, `${why}, which is refused when NODE_ENV=production (a development convenience)`);
}

export function loadConfig(env: Env = process.env, defaults: { webRoot?: string | null; dataDir?: string } = {}): AppConfig {
  // Unset means production: a server started by hand or by a platform gets no demo logins, no test endpoint and
  // no generated secret by accident. `npm start` and `npm run dev` say NODE_ENV=development themselves.
  const nodeEnvRaw = readString(env, 'NODE_ENV') ?? 'production';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';
  const dataDir = readString(env, 'DATA_DIR') ?? defaults.dataDir ?? join(process.cwd(), '.data');
  const databaseUrl = readDatabaseUrl(env, 'DATABASE_URL');
  if (production && databaseUrl === null) {
    refuseInProduction('DATABASE_URL', 'is unset, so the embedded single-connection PostgreSQL would be used');
  }
  const devEndpoints = readBool(env, 'DEV_ENDPOINTS', !production);
  if (production && devEndpoints) refuseInProduction('DEV_ENDPOINTS', 'is on: POST /dev/test-payments would exist');
  const demoData = readBool(env, 'DEMO_DATA', !production);
  if (production && demoData) refuseInProduction('DEMO_DATA', 'is on: demo users with a published password would be created');

  let jwtSecret = readString(env, 'JWT_SECRET');
  if (jwtSecret === null) {
    if (production) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production (NODE_ENV unset means production)');
    jwtSecret = developmentSecret(dataDir);
  } else if (jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }

  return {
    nodeEnv,
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host: readString(env, 'HOST') ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    // The embedded PostgreSQL has one shared backend: one connection, or requests deadlock.
    databasePoolSize: databaseUrl ? readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200) : 1,
    databaseTimeouts: {
      connect: readInt(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 600000),
      statement: readInt(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10000, 100, 600000),
      idleInTransaction: readInt(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10000, 100, 600000),
    },
    dataDir,
    jwtSecret,
    accessTokenTtlSeconds: readInt(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86400),
    refreshTokenTtlSeconds: readInt(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86400, 60, 365 * 86400),
    refreshFamilyTtlSeconds: readInt(env, 'REFRESH_FAMILY_TTL_SECONDS', 60 * 86400, 60, 730 * 86400),
    trustProxy: readTrustProxy(env, 'TRUST_PROXY'),
    customerAppUrl: readUrl(env, 'CUSTOMER_APP_URL'),
    businessAppUrl: readUrl(env, 'BUSINESS_APP_URL'),
    devEndpoints,
    demoData,
    rateLimits: readRateLimits(env),
    webRoot: defaults.webRoot ?? null,
    eventsPollMs: readInt(env, 'EVENTS_POLL_MS', 1000, 50, 600000),
    webhooks: readWebhooks(env, production, jwtSecret),
  };
}
