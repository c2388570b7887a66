import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Scope } from '../api-keys/scope-names';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

/** What a user is: a shop's owner or a customer. The roles of the API document (`x-roles`). */
export type Role = 'business' | 'customer';

interface Caller {
  userId: string;
  /** When the access token expires (ms since the epoch): long-lived streams end then. */
  tokenExpiresAt?: number;
}

/** The owner of a business (later: its staff too). */
export interface OwnerPrincipal extends Caller {
  kind: 'owner';
  role: 'business';
  businessId: string;
}

export interface CustomerPrincipal extends Caller {
  kind: 'customer';
  role: 'customer';
  customerId: string;
}

/**
 * A business's API key (header `X-Api-Key`): acts for the business, as the owner who made it (`userId`), within
 * its scopes. The guard has checked the scopes the operation needs before the operation runs.
 */
export interface ApiKeyPrincipal extends Caller {
  kind: 'api-key';
  role: 'business';
  businessId: string;
  keyId: string;
  scopes: readonly Scope[];
}

/** Who is calling, from the verified access token or API key. */
export type Principal = OwnerPrincipal | ApiKeyPrincipal | CustomerPrincipal;

/** Whoever acts for a business. */
export type BusinessPrincipal = OwnerPrincipal | ApiKeyPrincipal;

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** No access token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Only these roles; any other authenticated caller gets 403 whatever the object. The OpenAPI document says so
 * too (`x-roles`), for integrators and for the tests that derive the authorisation matrix from the document.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

const principalOf = (context: ExecutionContext) => context.switchToHttp().getRequest<{ user: Principal }>().user;

/** The caller, whichever role. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Principal => principalOf(context));

/** The caller acting for a business (the operation is `@Roles('business')`; this says so to the type system too). */
export const CurrentBusiness = createParamDecorator((_: unknown, context: ExecutionContext): BusinessPrincipal => {
  const principal = principalOf(context);
  if (principal.role !== 'business') throw new DomainError(ProblemCode.ForbiddenRole, 'Only a business user can do this');
  return principal;
});

/** The caller as a customer (the operation is `@Roles('customer')`). */
export const CurrentCustomer = createParamDecorator((_: unknown, context: ExecutionContext): CustomerPrincipal => {
  const principal = principalOf(context);
  if (principal.role !== 'customer') throw new DomainError(ProblemCode.ForbiddenRole, 'Only a customer user can do this');
  return principal;
});
