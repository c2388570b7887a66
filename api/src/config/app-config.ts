import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A rate limit: at most `points` attempts per `durationSeconds`, per phone and per address. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export interface RateLimits {
  login: RateLimit | null;
  register: RateLimit | null;
  join: RateLimit | null;
  claims: RateLimit | null;
}

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
  refreshTokenTtlSeconds: number;
  customerAppUrl: string | null;
  businessAppUrl: string | null;
  devEndpoints: boolean;
  /** Seed the demo shop and customers into an empty database at start-up. */
  demoData: boolean;
  rateLimits: RateLimits;
  /** Folder of the built SPA to serve at `/`, or null to serve the API only. */
  webRoot: string | null;
  logRequests: boolean;
  /** How often each process looks for live events that no notification announced (milliseconds). */
  eventsPollMs: number;
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

/** "10/900" = 10 attempts per 900 seconds; "off" disables the limit. */
function readRateLimit(env: Env, name: string, fallback: RateLimit): RateLimit | null {
  const raw = readString(env, name);
  if (raw === null) return fallback;
  if (/^off$/i.test(raw)) return null;
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new ConfigError(name, `must be "attempts/seconds" (e.g. "10/900") or "off", got "${raw}"`);
  }
  return { points: Number(match[1]), durationSeconds: Number(match[2]) };
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

export function loadConfig(env: Env = process.env, defaults: { webRoot?: string | null; dataDir?: string } = {}): AppConfig {
  const nodeEnvRaw = readString(env, 'NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';
  const dataDir = readString(env, 'DATA_DIR') ?? defaults.dataDir ?? join(process.cwd(), '.data');
  const databaseUrl = readDatabaseUrl(env, 'DATABASE_URL');

  let jwtSecret = readString(env, 'JWT_SECRET');
  if (jwtSecret === null) {
    if (production) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
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
    customerAppUrl: readUrl(env, 'CUSTOMER_APP_URL'),
    businessAppUrl: readUrl(env, 'BUSINESS_APP_URL'),
    devEndpoints: readBool(env, 'DEV_ENDPOINTS', !production),
    demoData: readBool(env, 'DEMO_DATA', !production),
    rateLimits: {
      login: readRateLimit(env, 'RATE_LIMIT_LOGIN', { points: 10, durationSeconds: 900 }),
      register: readRateLimit(env, 'RATE_LIMIT_REGISTER', { points: 10, durationSeconds: 3600 }),
      join: readRateLimit(env, 'RATE_LIMIT_JOIN', { points: 10, durationSeconds: 900 }),
      claims: readRateLimit(env, 'RATE_LIMIT_CLAIMS', { points: 60, durationSeconds: 3600 }),
    },
    webRoot: defaults.webRoot ?? null,
    logRequests: readBool(env, 'LOG_REQUESTS', false),
    eventsPollMs: readInt(env, 'EVENTS_POLL_MS', 1000, 50, 600000),
  };
}
