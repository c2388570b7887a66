import type { Pool } from 'pg';

/**
 * The rules money must never break, checked straight in the database. Each query returns the offending rows;
 * all empty means the ledger is sound.
 */
export const INVARIANTS: Record<string, string> = {
  'balance equals the sum of the ledger': `
    SELECT a.id, a.current_balance, coalesce(sum(CASE t.transaction_type WHEN 'credit' THEN t.amount ELSE -t.amount END), 0) AS ledger
      FROM customer_credits a LEFT JOIN transactions t ON t.account_id = a.id
     GROUP BY a.id HAVING a.current_balance <> coalesce(sum(CASE t.transaction_type WHEN 'credit' THEN t.amount ELSE -t.amount END), 0)`,
  'every approved payment has exactly one ledger entry of its amount': `
    SELECT p.transaction_id, count(t.id) AS entries
      FROM pending_payments p LEFT JOIN transactions t ON t.original_pending_id = p.transaction_id
     WHERE p.status = 'approved'
     GROUP BY p.transaction_id, p.amount HAVING count(t.id) <> 1 OR min(t.amount) <> p.amount`,
  'no other payment has a ledger entry': `
    SELECT p.transaction_id FROM pending_payments p JOIN transactions t ON t.original_pending_id = p.transaction_id
     WHERE p.status <> 'approved'`,
  'every payment has its submission and at most one decision in the audit trail': `
    SELECT p.transaction_id FROM pending_payments p
      LEFT JOIN payment_events e ON e.payment_id = p.transaction_id
     GROUP BY p.transaction_id, p.status
    HAVING count(*) FILTER (WHERE e.type = 'submitted') <> 1
        OR count(*) FILTER (WHERE e.type <> 'submitted') <> CASE WHEN p.status = 'pending' THEN 0 ELSE 1 END`,
  "each account's entries are numbered 1..n and each carries the balance right after it": `
    SELECT account_id, entry_no FROM (
      SELECT t.account_id, t.entry_no, t.balance_after,
             row_number() OVER w AS expected_no,
             sum(CASE t.transaction_type WHEN 'credit' THEN t.amount ELSE -t.amount END) OVER w AS expected_balance
        FROM transactions t WINDOW w AS (PARTITION BY t.account_id ORDER BY t.entry_no)) x
     WHERE entry_no <> expected_no OR balance_after <> expected_balance
    UNION ALL
    SELECT a.id, a.entry_count FROM customer_credits a
      LEFT JOIN transactions t ON t.account_id = a.id AND t.entry_no = a.entry_count
     WHERE a.entry_count <> (SELECT count(*) FROM transactions WHERE account_id = a.id)
        OR (a.entry_count > 0 AND t.balance_after IS DISTINCT FROM a.current_balance)`,
  'ledger entries belong to the account of their payment': `
    SELECT t.id FROM transactions t JOIN pending_payments p ON p.transaction_id = t.original_pending_id
     WHERE t.account_id <> p.account_id OR t.business_id <> p.business_id`,
  "the dashboard's running totals equal what they sum up": `
    WITH kept AS (
      SELECT business_id, sum(pending_count) AS pending_count, sum(pending_total) AS pending_total, sum(receivable_total) AS receivable
        FROM payment_stats GROUP BY business_id
    ), actual AS (
      SELECT b.id AS business_id,
             (SELECT count(*) FROM pending_payments p WHERE p.business_id = b.id AND p.status = 'pending') AS pending_count,
             (SELECT coalesce(sum(amount), 0) FROM pending_payments p WHERE p.business_id = b.id AND p.status = 'pending') AS pending_total,
             (SELECT coalesce(sum(current_balance), 0) FROM customer_credits a WHERE a.business_id = b.id AND a.current_balance > 0) AS receivable
        FROM businesses b
    ), kept_daily AS (
      SELECT business_id, day, sum(approved_count) AS approved_count, sum(approved_total) AS approved_total, sum(recorded_total) AS recorded_total
        FROM payment_stats_daily GROUP BY business_id, day
    ), actual_daily AS (
      SELECT business_id, day, sum(approved_count) AS approved_count, sum(approved_total) AS approved_total, sum(recorded_total) AS recorded_total
        FROM (SELECT business_id, ist_day(approved_at) AS day, count(*) AS approved_count, sum(amount) AS approved_total, 0 AS recorded_total
                FROM pending_payments WHERE status = 'approved' GROUP BY 1, 2
              UNION ALL
              SELECT t.business_id, ist_day(t.created_at), 0, 0, sum(CASE t.transaction_type WHEN 'payment' THEN t.amount ELSE -t.amount END)
                FROM transactions t LEFT JOIN transactions c ON c.id = t.corrects_entry_id
               WHERE t.original_pending_id IS NULL AND t.payment_method <> 'merge'
                 AND ((t.corrects_entry_id IS NULL AND t.transaction_type = 'payment') OR c.transaction_type = 'payment')
               GROUP BY 1, 2) x
       GROUP BY business_id, day
    )
    SELECT a.business_id, NULL AS day FROM actual a LEFT JOIN kept k USING (business_id)
     WHERE (coalesce(k.pending_count, 0), coalesce(k.pending_total, 0), coalesce(k.receivable, 0)) <> (a.pending_count, a.pending_total, a.receivable)
    UNION ALL
    SELECT coalesce(k.business_id, a.business_id), coalesce(k.day, a.day) FROM kept_daily k FULL JOIN actual_daily a USING (business_id, day)
     WHERE (coalesce(k.approved_count, 0), coalesce(k.approved_total, 0), coalesce(k.recorded_total, 0))
        <> (coalesce(a.approved_count, 0), coalesce(a.approved_total, 0), coalesce(a.recorded_total, 0))`,
};

export async function invariantViolations(db: Pool): Promise<Record<string, unknown[]>> {
  const violations: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const { rows } = await db.query(sql);
    if (rows.length > 0) violations[name] = rows;
  }
  return violations;
}
