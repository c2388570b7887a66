import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';

/** Where the tests find PostgreSQL: TEST_DATABASE_URL, by default the local server with trust auth. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, copied from the migrated template (fast: no migrations to run). */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const template = process.env.KHATA_TEST_TEMPLATE;
  if (!template) throw new Error('KHATA_TEST_TEMPLATE is not set: run the tests through jest (global setup)');
  const name = `khata_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: urlFor(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A pool for a test's own queries. `pool.end()` resolves once its clients are told to close, before their
 * connections are gone; a database dropped WITH (FORCE) right after then terminates a backend still closing, and
 * pg-pool re-emits that FATAL (57P01) on the pool: without a listener, an unhandled error that fails the test.
 */
export function testPool(url: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}
