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
  'refresh_token_families',
  'idempotency_keys',
];

/**
 * Rows that record a refusal rather than change anything: the stored first response of a request that got a
 * 4xx problem (an Idempotency-Key's retries must get that problem again). Not rate-limit counters or failed-login
 * notices either: those tables are left out above, as counting refusals is their job.
 */
const RECORDS_OF_REFUSALS: Record<string, string> = { idempotency_keys: 'status_code < 400' };

/** A fingerprint of every row of every table: equal before and after means nothing changed. */
export async function databaseFingerprint(db: Pool): Promise<Record<string, string>> {
  const fingerprint: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM ${table} t
        WHERE ${RECORDS_OF_REFUSALS[table] ?? 'true'}`,
    );
    fingerprint[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return fingerprint;
}
