/**
 * Helpers for rows as node-postgres hands them over: `timestamptz` columns arrive as Date, `numeric` as string
 * (money stays exact), `bigint` as string.
 */

/** An instant as the API writes it (ISO 8601, UTC). */
export function iso(value: Date | string): string;
export function iso(value: Date | string | null): string | null;
export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/**
 * The columns of one row shape as SQL expressions (`{ id: 'p.transaction_id', ... }`), selectable on their own or,
 * prefixed, beside other shapes in one statement (approval returns a payment, a ledger entry and an account).
 */
export class Projection<Row extends object> {
  constructor(private readonly columns: { [K in keyof Row]: string }) {}

  /** `expression AS name, ...`; with a prefix `expression AS prefix_name`; `override` replaces some expressions. */
  select(prefix = '', override: Partial<{ [K in keyof Row]: string }> = {}): string {
    return Object.entries<string>({ ...this.columns, ...override } as Record<string, string>)
      .map(([name, expression]) => `${expression} AS ${prefix}${name}`)
      .join(', ');
  }

  /** This shape's row out of a statement's row in which its columns were selected with `prefix`. */
  pick(row: Record<string, unknown>, prefix: string): Row {
    return Object.fromEntries(Object.keys(this.columns).map((name) => [name, row[`${prefix}${name}`]])) as Row;
  }
}
