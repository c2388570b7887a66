import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { clearRecordedResponses } from './response-recorder';
import { admin, urlFor } from './test-database';

/** Migrates one template database once; every test file then copies it (CREATE DATABASE ... TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  clearRecordedResponses();
  const now = Math.floor(Date.now() / 1000);
  const template = `khata_tpl_${now}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => {
    // Leftovers of runs that were killed, if older than two hours (another run may be going on right now).
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname ~ '^khata_(t|tpl)_[0-9]+_'`);
    for (const row of rows as { datname: string }[]) {
      const created = Number(row.datname.split('_')[2]);
      if (now - created > 7200) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    }
    await c.query(`CREATE DATABASE ${template}`);
  });
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl: urlFor(template),
      databasePoolSize: 1,
      databaseTimeouts: { connect: 5000, statement: 60000, idleInTransaction: 60000 },
    }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.KHATA_TEST_TEMPLATE = template;
}
