import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import type { Role } from './entities/user.entity';
import { IS_PUBLIC, Principal, ROLES } from './principal';

/** Global: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    return super.canActivate(context);
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
