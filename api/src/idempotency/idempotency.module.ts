import { Global, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

const PURGE_EVERY_MS = 60 * 60 * 1000;
const KEEP_HOURS = 48;

@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(private readonly idempotency: IdempotencyService) {}

  onModuleInit() {
    this.timer = setInterval(() => void this.idempotency.purgeOlderThan(KEEP_HOURS).catch(() => undefined), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }
}
