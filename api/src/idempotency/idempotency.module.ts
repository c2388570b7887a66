import { Global, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';

const PURGE_EVERY_MS = 60 * 60 * 1000;
const KEEP_HOURS = 48;

@Global()
@Module({ providers: [IdempotencyInterceptor], exports: [IdempotencyInterceptor] })
export class IdempotencyModule implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(private readonly keys: IdempotencyRepository) {}

  onModuleInit() {
    this.timer = setInterval(() => void this.keys.purgeOlderThan(KEEP_HOURS).catch(() => undefined), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }
}
