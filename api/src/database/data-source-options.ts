import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

type DatabaseConfig = Pick<AppConfig, 'databasePoolSize' | 'databaseTimeouts'> & { databaseUrl: string };

/**
 * TypeORM on `pg`. `synchronize` is never on: the schema is the committed migrations.
 * The timeouts bound every request when the database is slow or gone (see README, "Reliability").
 */
export function dataSourceOptions(config: DatabaseConfig, embedded = false): DataSourceOptions {
  const { connect, statement, idleInTransaction } = config.databaseTimeouts;
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: config.databasePoolSize,
    extra: {
      max: config.databasePoolSize,
      connectionTimeoutMillis: connect,
      idleTimeoutMillis: 30_000,
      // Server-side limits, sent as start-up parameters. The embedded server's single backend ignores them.
      ...(embedded ? {} : { statement_timeout: statement, idle_in_transaction_session_timeout: idleInTransaction }),
      query_timeout: statement + 2_000,
      application_name: 'khata-pay-api',
      keepAlive: true,
    },
  };
}
