import type { Pool } from 'pg';

const TABLES = [
  'users',
  'businesses',
  'customers',
  'customer_credits',
  'transactions',
  'pending_payments',
  'payment_events',
  'refresh_tokens',
  'idempotency_keys',
];

/** A fingerprint of every row of every table: equal before and after means nothing changed. */
export async function databaseFingerprint(db: Pool): Promise<Record<string, string>> {
  const fingerprint: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM ${table} t`,
    );
    fingerprint[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return fingerprint;
}
