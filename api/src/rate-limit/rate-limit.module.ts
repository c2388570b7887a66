import { Global, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { RateLimitService } from './rate-limit.service';

const PURGE_EVERY_MS = 10 * 60 * 1000;

@Global()
@Module({ providers: [RateLimitService], exports: [RateLimitService] })
export class RateLimitModule implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(private readonly rateLimits: RateLimitService) {}

  onModuleInit() {
    // Every API process purges; the DELETE is idempotent, so several at once do no harm.
    this.timer = setInterval(() => void this.rateLimits.purgeExpired().catch(() => undefined), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }
}
