/**
 * `npm run sql`: writes the SQL catalogue, every statement of every repository, to `api/sql/<file>.sql` (see
 * sql-catalogue.ts). `--check` compares instead and fails when a file is stale (part of `npm test`).
 *
 * It migrates a scratch database on the PostgreSQL at TEST_DATABASE_URL (default: the local server), calls each
 * `@GenerateSql` method with its declared arguments inside a transaction that is then rolled back, records the
 * statements it ran (their text, with named parameters), and drops the database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { format } from 'sql-formatter';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { Database } from './database';
import { REPOSITORIES } from './database.module';
import { runMigrations } from './migrate';
import { sqlMethods } from './sql-catalogue';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HEADER = '-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.\n';

/** Classes whose SQL the catalogue holds: the repositories, and the rate limiter's counters. */
const CATALOGUED = [...REPOSITORIES, RateLimitService];

class RolledBack extends Error {}

/** `AccountsRepository` -> `accounts.repository.sql`. */
function fileOf(name: string): string {
  return `${name
    .replace(/(Repository|Service)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()}.${name.endsWith('Service') ? 'service' : 'repository'}.sql`;
}

/** A statement, laid out the same way whoever wrote it (named parameters `:name` kept as they are). */
function tidy(text: string): string {
  return `${format(text, { language: 'postgresql', paramTypes: { named: [':'] }, keywordCase: 'upper', tabWidth: 2 })};`;
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function renderCatalogue(): Promise<Map<string, string>> {
  const name = `khata_sql_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await admin(`CREATE DATABASE ${name}`);
  const files = new Map<string, string>();
  try {
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '2' });
    const app = await createApp(config, { url: url.toString(), embedded: false }, false);
    try {
      await runMigrations(app.get(DataSource), url.toString(), false);
      await app.init();
      const db = app.get(Database);
      // Only what a catalogued call runs is recorded, not what the app does meanwhile (the event sequencer's poll).
      const recording = new AsyncLocalStorage<string[]>();
      Database.observe((text) => recording.getStore()?.push(tidy(text)));
      for (const type of CATALOGUED) {
        const instance = app.get(type as new (...args: never[]) => object) as Record<string, (...args: unknown[]) => Promise<unknown>>;
        const sections: string[] = [];
        for (const [method, variants] of [...sqlMethods(instance)].sort(([a], [b]) => a.localeCompare(b))) {
          for (const variant of variants) {
            const statements: string[] = [];
            try {
              await recording.run(statements, () =>
                db.transaction(async () => {
                  await instance[method](...variant.params).catch(() => undefined);
                  throw new RolledBack();
                }),
              );
            } catch (error) {
              if (!(error instanceof RolledBack)) throw error;
            }
            const title = `-- ${type.name}.${method}${variant.name ? ` (${variant.name})` : ''}`;
            sections.push(`${title}\n${statements.join('\n\n') || '-- (no statement for these arguments)'}`);
          }
        }
        files.set(fileOf(type.name), `${HEADER}\n${sections.join('\n\n')}\n`);
      }
    } finally {
      Database.observe(null);
      await app.close();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  return files;
}

if (require.main === module) {
  const folder = resolve(process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? join(__dirname, '..', '..', 'sql'));
  const check = process.argv.includes('--check');
  renderCatalogue()
    .then((files) => {
      if (check) {
        const stale = [...files].filter(([file, text]) => {
          try {
            return readFileSync(join(folder, file), 'utf8') !== text;
          } catch {
            return true;
          }
        });
        const extra = readdirSync(folder).filter((f) => f.endsWith('.sql') && !files.has(f));
        if (stale.length > 0 || extra.length > 0) {
          console.error(`The SQL catalogue is stale (${[...stale.map(([f]) => f), ...extra].join(', ')}): run npm run sql and commit.`);
          process.exit(1);
        }
        console.log(`SQL catalogue: ${files.size} files up to date.`);
        return;
      }
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      for (const [file, text] of files) writeFileSync(join(folder, file), text);
      console.log(`wrote ${files.size} files to ${folder}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
