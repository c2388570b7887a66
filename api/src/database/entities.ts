import { AccountMerge } from '../accounts/entities/account-merge.entity';
import { ApiKey } from '../api-keys/entities/api-key.entity';
import { Account } from '../accounts/entities/account.entity';
import { Customer } from '../accounts/entities/customer.entity';
import { LoginFailureNotice } from '../auth/entities/login-failure-notice.entity';
import { LoginKnownSource } from '../auth/entities/login-known-source.entity';
import { RecoveryCode } from '../auth/entities/recovery-code.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { RefreshTokenFamily } from '../auth/entities/refresh-token-family.entity';
import { PaymentStats, PaymentStatsDaily } from '../approvals/entities/payment-stats.entity';
import { User } from '../auth/entities/user.entity';
import { Business } from '../businesses/entities/business.entity';
import { EventConsumer } from '../events/entities/event-consumer.entity';
import { EventLogEntry } from '../events/entities/event-log.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { PaymentEvent } from '../payments/entities/payment-event.entity';
import { PendingPayment } from '../payments/entities/pending-payment.entity';
import { RateLimitCounter } from '../rate-limit/rate-limit-counter.entity';
import { LedgerTransaction } from '../transactions/entities/ledger-transaction.entity';
import { WebhookAttempt } from '../webhooks/entities/webhook-attempt.entity';
import { WebhookDelivery } from '../webhooks/entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../webhooks/entities/webhook-endpoint.entity';

/** Every entity, listed explicitly (no file globs). */
export const ENTITIES = [
  User,
  RefreshToken,
  RefreshTokenFamily,
  LoginKnownSource,
  LoginFailureNotice,
  RecoveryCode,
  Business,
  Customer,
  Account,
  AccountMerge,
  LedgerTransaction,
  PendingPayment,
  PaymentEvent,
  IdempotencyKey,
  PaymentStats,
  PaymentStatsDaily,
  RateLimitCounter,
  EventLogEntry,
  ApiKey,
  EventConsumer,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
];
