import 'reflect-metadata';
import type { BusinessTenant, CustomerTenant } from '../tenancy/tenant';

/**
 * The SQL catalogue: every repository query written out to a committed file (`api/sql/<repository>.sql`) by
 * `npm run sql`, so a reviewer reads each statement's text and a diff shows when one changes (Immich's
 * `@GenerateSql`). `npm test` fails when the files are stale. A repository method declares the arguments to call it
 * with (one set per variant); the script calls it on a scratch database inside a transaction that is rolled back,
 * and records what it ran.
 */
export interface SqlVariant {
  /** Told apart in the file when a method has several (e.g. a business and a customer caller). */
  name?: string;
  params: unknown[];
}

const GENERATE_SQL = Symbol('sql-catalogue');

export function GenerateSql(...variants: SqlVariant[]): MethodDecorator {
  return (target, property) => {
    const all: Map<string, SqlVariant[]> = Reflect.getMetadata(GENERATE_SQL, target) ?? new Map();
    all.set(String(property), variants.length > 0 ? variants : [{ params: [] }]);
    Reflect.defineMetadata(GENERATE_SQL, all, target);
  };
}

/** The methods of a repository instance that declare SQL, with their variants. */
export function sqlMethods(instance: object): Map<string, SqlVariant[]> {
  return Reflect.getMetadata(GENERATE_SQL, Object.getPrototypeOf(instance)) ?? new Map();
}

const ID = '00000000-0000-4000-8000-000000000000';

/** Arguments for the catalogue: well-formed, naming nothing. */
export const SAMPLE = {
  id: ID,
  businessTenant: { kind: 'business', businessId: ID } as BusinessTenant,
  customerTenant: { kind: 'customer', customerId: ID } as CustomerTenant,
  money: '250.00',
  phone: '+919876543210',
  cursor: { at: '2026-11-30 12:00:00+00', id: ID },
};
