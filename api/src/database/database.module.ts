import { Global, Module } from '@nestjs/common';
import { AccountsRepository } from '../accounts/accounts.repository';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { LoginSourcesRepository } from '../auth/login-sources.repository';
import { RecoveryCodesRepository } from '../auth/recovery-codes.repository';
import { TokensRepository } from '../auth/tokens.repository';
import { UsersRepository } from '../auth/users.repository';
import { BusinessesRepository } from '../businesses/businesses.repository';
import { EventLogRepository } from '../events/event-log.repository';
import { IdempotencyRepository } from '../idempotency/idempotency.repository';
import { PaymentsRepository } from '../payments/payments.repository';
import { PersonalDataRepository } from '../settings/personal-data.repository';
import { TransactionsRepository } from '../transactions/transactions.repository';
import { WebhookRelayRepository } from '../webhooks/webhook-relay.repository';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { Database } from './database';

/**
 * Every repository, listed explicitly (as the entities are): one per aggregate, each in its context's folder and
 * owning all of that aggregate's SQL. Provided once, globally, so a service of any context can read another
 * aggregate through its repository (no cycles between feature modules), and so the SQL catalogue finds them all.
 */
export const REPOSITORIES = [
  AccountsRepository,
  ApiKeysRepository,
  BusinessesRepository,
  EventLogRepository,
  IdempotencyRepository,
  LoginSourcesRepository,
  PaymentsRepository,
  PersonalDataRepository,
  RecoveryCodesRepository,
  TokensRepository,
  TransactionsRepository,
  UsersRepository,
  WebhookRelayRepository,
  WebhooksRepository,
];

@Global()
@Module({ providers: [Database, ...REPOSITORIES], exports: [Database, ...REPOSITORIES] })
export class DatabaseModule {}
