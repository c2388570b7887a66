import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { AccountsModule } from './accounts/accounts.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
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
import { DatabaseModule } from './database/database.module';
import { HttpEdgeModule } from './http/http-edge.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { SettingsModule } from './settings/settings.module';
import { TransactionsModule } from './transactions/transactions.module';
import { WebhooksModule } from './webhooks/webhooks.module';

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
        // Transactions follow the async context: a repository joins the transaction of the service method (or the
        // edge) that started one, without any EntityManager passed around.
        ClsModule.forRoot({
          global: true,
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
        DatabaseModule,
        HttpEdgeModule,
        RateLimitModule,
        IdempotencyModule,
        AuthModule,
        ApiKeysModule,
        SettingsModule,
        BusinessesModule,
        AccountsModule,
        TransactionsModule,
        PaymentsModule,
        ApprovalsModule,
        EventsModule,
        WebhooksModule,
        HealthModule,
        ...(config.devEndpoints ? [DevModule] : []),
      ],
      controllers: [PublicConfigController],
    };
  }
}
