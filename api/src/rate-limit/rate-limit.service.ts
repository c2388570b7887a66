import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig, RateLimits } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

export type LimitedOperation = keyof RateLimits;

/**
 * Guards the operations worth guessing at (login, register, join, claims), per phone or user and per address.
 * Nothing else is limited: a busy shop's burst of approvals must never hit a limit.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<LimitedOperation, RateLimiterMemory>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const [operation, limit] of Object.entries(config.rateLimits) as [LimitedOperation, RateLimits[LimitedOperation]][]) {
      if (limit)
        this.limiters.set(
          operation,
          new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds, keyPrefix: operation }),
        );
    }
  }

  /** Counts one attempt against each key (e.g. the phone and the address); 429 with Retry-After when over. */
  async consume(operation: LimitedOperation, keys: string[]): Promise<void> {
    const limiter = this.limiters.get(operation);
    if (!limiter) return;
    for (const key of keys) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new DomainError(
          ProblemCode.RateLimited,
          `Too many ${operation} attempts; try again in ${retryAfter} s`,
          {},
          { 'retry-after': String(retryAfter) },
        );
      }
    }
  }
}
