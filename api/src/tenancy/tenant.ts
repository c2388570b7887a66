import type { Principal } from '../auth/principal';

/**
 * Whose data a request may see and change: a business's (its owner, later its staff and API keys) or a customer's.
 * Every repository method that reads or writes tenant data takes one, and its SQL says whose rows they are with
 * `ownedBy(tenant, alias)`; `Database.tenant()` refuses a statement that does not (see database/database.ts).
 */
export type BusinessTenant = { kind: 'business'; businessId: string };
export type CustomerTenant = { kind: 'customer'; customerId: string };
export type Tenant = BusinessTenant | CustomerTenant;

export function tenantOf(principal: Principal): Tenant {
  return principal.role === 'business'
    ? { kind: 'business', businessId: principal.businessId }
    : { kind: 'customer', customerId: principal.customerId };
}

/** The id that scopes the tenant's rows: the `:tenantId` of every scoped statement. */
export function tenantId(tenant: Tenant): string {
  return tenant.kind === 'business' ? tenant.businessId : tenant.customerId;
}

/** `p.business_id = :tenantId` for a business, `p.customer_id = :tenantId` for a customer: the rows of `alias` that are the tenant's. */
export function ownedBy(tenant: Tenant, alias: string): string {
  return `${alias}.${tenant.kind === 'business' ? 'business_id' : 'customer_id'} = :tenantId`;
}

/** The business tenant of a business id (a business principal's own). */
export const businessTenant = (businessId: string): BusinessTenant => ({ kind: 'business', businessId });

/** The customer tenant of a customer id (a customer principal's own). */
export const customerTenant = (customerId: string): CustomerTenant => ({ kind: 'customer', customerId });
