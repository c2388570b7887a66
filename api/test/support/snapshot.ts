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
  'api_keys',
  'recovery_codes',
];

/**
 * Rows that record a refusal rather than change anything: the stored first response of a request that got a
 * 4xx problem (an Idempotency-Key's retries must get that problem again). Not rate-limit counters or failed-login
 * notices either: those tables are left out above, as counting refusals is their job.
 */
const RECORDS_OF_REFUSALS: Record<string, string> = { idempotency_keys: 'status_code < 400' };

/** What of a row counts: an API key's last use is bookkeeping of the request, not a change it made. */
const ROW: Record<string, string> = {
  api_keys: '(t.id, t.business_id, t.name, t.prefix, t.secret_hash, t.scopes, t.created_at, t.revoked_at)::text',
};

/** A fingerprint of every row of every table: equal before and after means nothing changed. */
export async function databaseFingerprint(db: Pool): Promise<Record<string, string>> {
  const fingerprint: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(${ROW[table] ?? 't::text'}, ',' ORDER BY ${ROW[table] ?? 't::text'}), '')) AS h FROM ${table} t
        WHERE ${RECORDS_OF_REFUSALS[table] ?? 'true'}`,
    );
    fingerprint[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return fingerprint;
}

/**
 * For suites that ask "did anything change?" after every one of many requests, where a fingerprint would scan
 * every table each time: triggers in the test's own database count every row written (insert, update, delete)
 * in a counter that commits or rolls back with the write. Equal counts before and after a request mean it
 * changed no row. Install once per test database; nothing else in the schema changes.
 */
export async function installWriteCounter(db: Pool): Promise<void> {
  await db.query(`CREATE TABLE test_row_writes (id int PRIMARY KEY, n bigint NOT NULL); INSERT INTO test_row_writes VALUES (1, 0)`);
  await db.query(`CREATE FUNCTION test_count_row_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE test_row_writes SET n = n + 1 WHERE id = 1; RETURN NULL; END $$`);
  const { rows } = await db.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('test_row_writes', 'typeorm_migrations', ${REFUSAL_TABLES.map((t) => `'${t}'`).join(', ')})`,
  );
  for (const { table_name: table } of rows as { table_name: string }[]) {
    // An Idempotency-Key's row counts once it holds a success; holding a 4xx problem is a record of the refusal.
    // The event log's rows are given their positions later, by the sequencer, whatever request is running.
    // What the webhooks relay writes in the background (its position, deliveries, attempts, an endpoint's failing
    // state) and an API key's last use are bookkeeping, whatever request is running: only what a request changes counts.
    const when =
      table === 'idempotency_keys'
        ? `AFTER UPDATE ON "${table}" FOR EACH ROW WHEN (NEW.status_code < 400)`
        : table === 'event_log'
          ? `AFTER INSERT OR DELETE ON "${table}" FOR EACH ROW`
          : table === 'webhook_endpoints'
            ? `AFTER UPDATE ON "${table}" FOR EACH ROW WHEN ((OLD.url, OLD.events, OLD.secret) IS DISTINCT FROM (NEW.url, NEW.events, NEW.secret))`
            : table === 'api_keys'
              ? `AFTER UPDATE ON "${table}" FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at)`
              : '';
    if (table === 'webhook_endpoints' || table === 'api_keys')
      await db.query(
        `CREATE TRIGGER test_count_row_insert AFTER INSERT OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_count_row_write()`,
      );
    await db.query(
      `CREATE TRIGGER test_count_row_write ${when || `AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW`} EXECUTE FUNCTION test_count_row_write()`,
    );
  }
}

/**
 * Tables whose job is to count refusals (rate-limit windows, failed logins to tell the owner about), and those only
 * the webhooks relay writes, in the background, whatever request is running.
 */
const REFUSAL_TABLES = ['rate_limit_counters', 'login_failure_notices', 'event_consumers', 'webhook_deliveries', 'webhook_attempts'];

/** Rows written since installWriteCounter. */
export async function rowWrites(db: Pool): Promise<string> {
  const { rows } = await db.query(`SELECT n::text AS n FROM test_row_writes WHERE id = 1`);
  return rows[0].n;
}
