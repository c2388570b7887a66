import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from './entities/user.entity';

/** Who is calling, from the verified access token. Exactly one of businessId / customerId is set. */
export interface Principal {
  userId: string;
  role: Role;
  businessId: string | null;
  customerId: string | null;
  /** When the access token expires (ms since the epoch): long-lived streams end then. */
  tokenExpiresAt?: number;
}

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** No access token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Only these roles; any other authenticated caller gets 403 whatever the object. The OpenAPI document says so
 * too (`x-roles`), for integrators and for the tests that derive the authorisation matrix from the document.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ user: Principal }>().user;
});
