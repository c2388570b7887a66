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
};

export async function invariantViolations(db: Pool): Promise<Record<string, unknown[]>> {
  const violations: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const { rows } = await db.query(sql);
    if (rows.length > 0) violations[name] = rows;
  }
  return violations;
}
