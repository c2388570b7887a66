import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An operation that reads no body (approve, rotate a secret, send a test ...) refuses one with fields, as the
 * validation of the others refuses unknown fields: a client that sends `{"reason": ...}` to the wrong operation
 * learns it, rather than seeing its fields silently dropped. No body, or `{}`, is fine.
 */
@Injectable()
export class BodylessOperations implements NestInterceptor {
  private readonly takesBody = new Map<string, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const body: unknown = request.body;
    if (!WRITES.has(request.method) || body === undefined || body === null) return next.handle();
    if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return next.handle();
    if (this.readsBody(context)) return next.handle();
    const fields = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
    throw new DomainError(ProblemCode.ValidationFailed, 'This operation takes no body: send none, or {}', {
      errors: fields.length
        ? fields.map((field) => ({ field, message: `property ${field} should not exist` }))
        : [{ field: 'body', message: 'this operation takes no body' }],
    });
  }

  private readsBody(context: ExecutionContext): boolean {
    const controller = context.getClass();
    const method = context.getHandler().name;
    const key = `${controller.name}.${method}`;
    let reads = this.takesBody.get(key);
    if (reads === undefined) {
      const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
      reads = Object.keys(args).some((k) => k.split(':')[0] === String(RouteParamtypes.BODY));
      this.takesBody.set(key, reads);
    }
    return reads;
  }
}
