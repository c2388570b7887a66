import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Arbitrary, fixed: every instance of the API takes the same lock before migrating. */
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Applies the committed migrations. Under a PostgreSQL advisory lock held on a connection of its own, so several
 * instances starting at once migrate one after the other. The embedded server has a single backend shared by all
 * connections (a lock there would be held by everyone), and only one process uses it, so it needs no lock.
 */
export async function runMigrations(dataSource: DataSource, databaseUrl: string, embedded: boolean): Promise<string[]> {
  const logger = new Logger('Migrations');
  if (embedded) return applied(await dataSource.runMigrations({ transaction: 'each' }), logger);

  const lock = new Client({ connectionString: databaseUrl, application_name: 'khata-pay-migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return applied(await dataSource.runMigrations({ transaction: 'each' }), logger);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

function applied(migrations: { name: string }[], logger: Logger): string[] {
  for (const migration of migrations) logger.log(`applied ${migration.name}`);
  return migrations.map((m) => m.name);
}
