import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { normalizePhone } from '../auth/phone';
import type { Principal } from '../auth/principal';
import { RATE_LIMITED } from '../openapi/api-errors';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { clientAddressKey } from './client-address';
import { Budget, RateLimitService } from './rate-limit.service';

type Request = FastifyRequest & { user?: Principal };

/** Whose counter a point is taken from. */
export type Subject = (request: Request) => string;

/** The client's address (IPv4, or IPv6 /64; see `clientAddressKey`). */
export const byAddress: Subject = (request) => clientAddressKey(request.ip);
/** The signed-in user. */
export const byUser: Subject = (request) => `user:${request.user?.userId}`;
/** The phone in the body, however it is written (so "98765 43210" and "+919876543210" share one budget). */
export const byPhone: Subject = (request) => {
  const phone = (request.body as { phone?: unknown } | undefined)?.phone;
  return `phone:${normalizePhone(phone) ?? String(phone)}`;
};

export interface RateLimitSpec {
  /** A point from each budget, on each subject's counter. */
  charges: [Budget, Subject][];
  /**
   * Which outcomes count: the point of any other is given back. By default all but a request the API did not
   * understand (400: validation); join and its preview count only codes that match nothing.
   */
  counts?: (error: unknown | null) => boolean;
}

const RATE_LIMIT = 'http:rate-limit';
const notValidation = (error: unknown | null) => !(error instanceof DomainError && error.code === ProblemCode.ValidationFailed);

/** Limits this operation (429 with the real `Retry-After` when a budget is spent; the document lists `RATE_LIMITED`). */
export const RateLimit = (spec: RateLimitSpec) => applyDecorators(SetMetadata(RATE_LIMIT, spec), ApiExtension(RATE_LIMITED, true));

/** Counts only outcomes that failed with this problem (e.g. a code that matches nothing). */
export const refusedWith =
  (code: ProblemCode) =>
  (error: unknown | null): boolean =>
    error instanceof DomainError && error.code === code;

/**
 * `@RateLimit` at the edge: the points are taken before the operation (after an `@Idempotent` look-up, whose
 * interceptor runs first, so a replay is never refused, and in its transaction) and given back when its outcome does
 * not count.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimits: RateLimitService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<RateLimitSpec | undefined>(RATE_LIMIT, context.getHandler());
    if (!spec || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    return from(this.limited(spec, request, () => lastValueFrom(next.handle())));
  }

  private async limited(spec: RateLimitSpec, request: Request, operation: () => Promise<unknown>): Promise<unknown> {
    const counts = spec.counts ?? notValidation;
    const reservation = await this.rateLimits.take(spec.charges.map(([budget, subject]) => [budget, subject(request)]));
    try {
      const result = await operation();
      if (!counts(null)) await reservation.refund();
      return result;
    } catch (error) {
      if (!counts(error)) await reservation.refund();
      throw error;
    }
  }
}
