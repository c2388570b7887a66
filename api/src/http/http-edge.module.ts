import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CommitNudge } from '../events/commit-nudge.interceptor';
import { IdempotencyInterceptor, IdempotentWorkInterceptor } from '../idempotency/idempotency.interceptor';
import { ProblemFilter } from '../problems/problem.filter';
import { RateLimitInterceptor } from '../rate-limit/rate-limit';
import { BodylessOperations } from './bodyless';
import { SpaPages } from './spa';

/**
 * What the HTTP edge does around every operation, declared by decorators on the operations, in this order (global
 * interceptors nest in the order they are provided):
 * 0. `BodylessOperations`: an operation that reads no body refuses one with fields (400);
 * 1. `CommitNudge`: after a write request's commit, the event sequencer runs at once;
 * 2. `@Idempotent()`: the key is looked up (a replay ends here), then the rest runs in the key's transaction;
 * 3. `@RateLimit()`: points are taken (never for a replay), and given back when the outcome does not count;
 * 4. the operation of an `@Idempotent()` request with a key runs under a savepoint: a problem undoes its writes
 *    but not the key row and the points, which commit with the stored problem.
 * Errors become problems (`ProblemFilter`), except pages of the SPA (`SpaPages`).
 */
@Module({
  providers: [
    ProblemFilter,
    { provide: APP_FILTER, useExisting: ProblemFilter },
    { provide: APP_FILTER, useClass: SpaPages },
    { provide: APP_INTERCEPTOR, useClass: BodylessOperations },
    { provide: APP_INTERCEPTOR, useClass: CommitNudge },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotentWorkInterceptor },
  ],
})
export class HttpEdgeModule {}
