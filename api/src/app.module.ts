import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './accounts/accounts.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuthModule } from './auth/auth.module';
import { BusinessesModule } from './businesses/businesses.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { PublicConfigController } from './config/public-config.controller';
import { dataSourceOptions } from './database/data-source-options';
import type { DatabaseTarget } from './database/database-target';
import { EventsModule } from './events/events.module';
import { DevModule } from './dev/dev.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PaymentsModule } from './payments/payments.module';
import { ProblemFilter } from './problems/problem.filter';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TransactionsModule } from './transactions/transactions.module';

export type { DatabaseTarget };

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, database),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ ...config, databaseUrl: database.url }, database.embedded),
          manualInitialization: database.connect === false,
        }),
        RateLimitModule,
        IdempotencyModule,
        AuthModule,
        BusinessesModule,
        AccountsModule,
        TransactionsModule,
        PaymentsModule,
        ApprovalsModule,
        EventsModule,
        HealthModule,
        ...(config.devEndpoints ? [DevModule] : []),
      ],
      controllers: [PublicConfigController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
