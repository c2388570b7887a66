import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { recordResponsesOf } from './response-recorder';
import { createTestDatabase, testPool } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  /** Direct access to the test database, to check what really is there. */
  db: Pool;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real application on a database of its own (copied from the migrated template). Rate limits are off unless
 * `env` sets them; everything else is as in production. With `on`, it runs on that database instead (another
 * instance of the API beside the first, or a restart): closing it then leaves the database alone. Every response it
 * sends is recorded for the contract check.
 */
export async function startTestApp(env: Record<string, string> = {}, on?: { databaseUrl: string }): Promise<TestApp> {
  const database = on ? { url: on.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '20',
    DEV_ENDPOINTS: 'true',
    RATE_LIMIT_LOGIN: 'off',
    RATE_LIMIT_REGISTER: 'off',
    RATE_LIMIT_JOIN: 'off',
    RATE_LIMIT_CLAIMS: 'off',
    RATE_LIMIT_API_KEY: 'off',
    ...env,
  });
  const app = await createApp(config, { url: database.url, embedded: false }, ['error']);
  recordResponsesOf(app.getHttpServer());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = testPool(database.url, 4);
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    databaseUrl: database.url,
    async close() {
      await db.end();
      await app.close();
      await database.drop();
    },
  };
}
