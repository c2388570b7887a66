import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { DEMO_BUSINESS_PHONE, DEMO_CUSTOMER_PHONE, DEMO_PASSWORD, seedDemoData } from './seed/demo-data';

async function main() {
  const logger = new Logger('Main');
  let config;
  try {
    config = loadConfig(process.env, { webRoot: join(__dirname, '..', '..', 'web', 'dist') });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }

  const embedded = config.databaseUrl === null ? await startEmbeddedPostgres(config.dataDir) : null;
  const database = { url: config.databaseUrl ?? embedded!.url, embedded: embedded !== null };
  const app = await createApp(config, database);
  await runMigrations(app.get(DataSource), database.url, database.embedded);
  const seeded = config.demoData && (await seedDemoData(app));
  await app.listen(config.port, config.host);

  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `  Khata Pay is running at ${url}`,
    `  API docs:   ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`,
    `  Database:   ${embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL'}${seeded ? ' (demo data seeded)' : ''}`,
  ];
  if (config.demoData) {
    lines.push(
      `  Demo logins (password "${DEMO_PASSWORD}"):`,
      `    business  ${DEMO_BUSINESS_PHONE}  (Sharma Kirana Store)`,
      `    customer  ${DEMO_CUSTOMER_PHONE}  (Asha Verma)`,
    );
  }
  console.log(lines.join('\n') + '\n');

  const stop = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  logger.log('ready');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
