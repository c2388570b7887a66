import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator } from '../api-keys/api-keys.service';
import { REQUIRED_SCOPES, type Scope } from '../api-keys/scopes';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import type { Role } from './entities/user.entity';
import { IS_PUBLIC, Principal, ROLES } from './principal';

/**
 * Global: every route needs a valid access token unless marked @Public(), or an API key (`X-Api-Key`) where the
 * operation accepts keys (`@Scopes`): a request with a key is judged by the key alone (401 unknown or revoked, 403
 * not accepted here or a scope missing, 429 its rate limit), before the role and before any object is looked at.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const key = request.headers['x-api-key'];
    if (key !== undefined) {
      const required = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, targets);
      request.user = await this.apiKeys.authenticate(Array.isArray(key) ? '' : key, required);
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) {
      throw new DomainError(ProblemCode.Unauthenticated, 'A valid access token is required (Authorization: Bearer ...)');
    }
    return user;
  }
}

/** Global, after authentication: the wrong role is a 403 before any object is looked at. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (user && roles.includes(user.role)) return true;
    throw new DomainError(ProblemCode.ForbiddenRole, `Only a ${roles.join(' or ')} user can do this`);
  }
}
