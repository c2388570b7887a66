import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { DomainError } from '../problems/domain-error';
import { PROBLEM_STATUS, ProblemCode } from '../problems/problem-code';
import { IdempotencyRepository } from './idempotency.repository';
import { IDEMPOTENT, IdempotentOptions, parseIdempotencyKey, requestFingerprint, ResponseSealer } from './idempotent';

/** A first response that was a problem, as stored to be answered again on every retry. */
interface StoredProblem {
  code: ProblemCode;
  detail: string;
  extensions: Record<string, unknown>;
}

/**
 * Which outcomes are the request's answer, stored and replayed: the problems the work itself raises (404, 409
 * `UTR_IN_USE`, 409 `TOO_MANY_PENDING` ...). They say something about this request that a retry would only
 * repeat, or worse, contradict: a retry after a 409 must not come back 201 once the conflict is gone, or a client
 * that gave up on the first answer finds a claim it never saw succeed. Not stored, so a retry may still succeed:
 * transient failures (429, 503, 500: nothing was decided) and 400s (the request was not understood: validation).
 */
function isFirstResponse(error: unknown): error is DomainError {
  if (!(error instanceof DomainError)) return false;
  const status = PROBLEM_STATUS[error.code];
  return status > 400 && status < 500 && status !== 429;
}

const KEYED = Symbol('idempotency-key');
type IdempotentRequest = FastifyRequest & { [KEYED]?: boolean };

type Outcome = { kind: 'response'; status: number; body: unknown; replayed: boolean } | { kind: 'problem'; error: DomainError };

/**
 * `@Idempotent()` operations run at most once per (user, key) and answer every retry with the first response. The
 * key row is inserted first, in the transaction that then runs the operation: a concurrent request with the same
 * key waits on it, then finds the stored response and replays it, so two identical requests at once have one
 * outcome. Anything else at the edge (the rate limit of claims) runs after the look-up, so a replay is never
 * refused; when it refuses, the key goes with the rolled-back transaction. The operation runs under a savepoint: a
 * problem it raises undoes its writes but keeps the key row, which stores the problem.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly modules: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (!options || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: Principal }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = parseIdempotencyKey(request.headers['idempotency-key'], options.required);
    if (key === null) return next.handle();
    (request as IdempotentRequest)[KEYED] = true;
    const fingerprint = requestFingerprint(request.method, request.url.split('?')[0], request.body ?? null);
    // Nest has set the operation's success status (201, or its @HttpCode) before the interceptors run.
    const status = reply.statusCode;
    const sealer = options.sealedWith ? this.modules.get(options.sealedWith, { strict: false }) : null;
    return from(this.once(request.user.userId, key, fingerprint, status, () => lastValueFrom(next.handle()), reply, sealer));
  }

  private async once(
    userId: string,
    key: string,
    fingerprint: string,
    status: number,
    work: () => Promise<unknown>,
    reply: FastifyReply,
    sealer: ResponseSealer | null,
  ): Promise<unknown> {
    const outcome = await this.txHost.withTransaction(async (): Promise<Outcome> => {
      if (!(await this.keys.claim(userId, key, fingerprint))) return this.replay(userId, key, fingerprint, sealer);
      try {
        // The operation itself runs under a savepoint (IdempotentWorkInterceptor), after the edge's other steps.
        const body = await work();
        await this.keys.store(userId, key, status, sealer ? sealer.seal(body, userId) : body);
        return { kind: 'response', status, body, replayed: false };
      } catch (error) {
        if (!isFirstResponse(error)) throw error;
        const problem: StoredProblem = { code: error.code, detail: error.message, extensions: error.extensions };
        await this.keys.store(userId, key, PROBLEM_STATUS[error.code], problem);
        return { kind: 'problem', error };
      }
    });
    // A problem is thrown only now, after the commit that stored it.
    if (outcome.kind === 'problem') throw outcome.error;
    void reply.status(outcome.status);
    if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
    return outcome.body;
  }

  private async replay(userId: string, key: string, fingerprint: string, sealer: ResponseSealer | null): Promise<Outcome> {
    const stored = await this.keys.find(userId, key);
    if (!stored || stored.status_code === null) {
      throw new DomainError(
        ProblemCode.IdempotencyRequestInProgress,
        'A request with this Idempotency-Key is still in progress; retry shortly',
      );
    }
    if (stored.fingerprint !== fingerprint) {
      throw new DomainError(
        ProblemCode.IdempotencyKeyReused,
        'This Idempotency-Key was already used with a different request; use a new key for a new request',
      );
    }
    if (stored.status_code >= 400) {
      const problem = stored.response_body as StoredProblem;
      return {
        kind: 'problem',
        error: new DomainError(problem.code, problem.detail, problem.extensions, { 'idempotent-replayed': 'true' }),
      };
    }
    const body = sealer ? sealer.open(stored.response_body, userId) : stored.response_body;
    if (body === null) {
      throw new DomainError(
        ProblemCode.IdempotencyKeyReused,
        'The first response to this Idempotency-Key held a secret that can no longer be opened; use a new key',
      );
    }
    return { kind: 'response', status: stored.status_code, body, replayed: true };
  }
}

/**
 * The innermost step of an `@Idempotent()` operation with a key: the operation runs under a savepoint, so a problem
 * it raises undoes its writes, while what the edge wrote before it (the key row, the points of a rate limit) stays
 * and commits with the stored problem.
 */
@Injectable()
export class IdempotentWorkInterceptor implements NestInterceptor {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !context.switchToHttp().getRequest<IdempotentRequest>()[KEYED]) return next.handle();
    return from(this.txHost.withTransaction(Propagation.Nested, () => lastValueFrom(next.handle())));
  }
}
