import { DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_TARGET, DatabaseTarget } from '../database/database-target';
import type { AppConfig } from './app-config';

/** Injection token of the validated `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** The validated configuration and the database target main resolved, for everyone to inject. */
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_TARGET, useValue: database },
      ],
      exports: [APP_CONFIG, DATABASE_TARGET],
    };
  }
}
