/** The SQLSTATE and constraint of a PostgreSQL error, whether TypeORM wrapped it or not. */
export function pgError(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const inner = (error as { driverError?: unknown }).driverError ?? error;
  return inner as { code?: string; constraint?: string };
}

/** A unique violation, optionally of a constraint whose name starts with `constraintPrefix`. */
export function isUniqueViolation(error: unknown, constraintPrefix?: string): boolean {
  const { code, constraint } = pgError(error);
  return code === '23505' && (constraintPrefix === undefined || (constraint ?? '').startsWith(constraintPrefix));
}
