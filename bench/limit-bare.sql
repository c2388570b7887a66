-- pgbench: the bare cost of an approval's work. The same four writes on the same tables as limit.sql (the claim's
-- status, the account's balance, the ledger entry, the audit event), written out by hand, with no trigger at all:
-- run with PGOPTIONS='-c session_replication_role=replica', which turns off every trigger (the ledger's, the
-- running totals', the event log's, and the foreign-key checks). The run's figure is the ceiling that the
-- product's approval (triggers, guards, event log) is measured against. The running totals it skips are
-- rebuilt after the runs (payment_stats_rebuild()), so the bench's invariants still hold.
\set k :base + :client_id + :nclients * :i
\set i :i + 1
WITH q AS (
  SELECT payment_id, business_id, approver FROM bench_limit_ids WHERE k = :k
), p AS (
  UPDATE pending_payments pp SET status = 'approved', approved_at = now(), approved_by = q.approver
    FROM q WHERE pp.transaction_id = q.payment_id AND pp.business_id = q.business_id AND pp.status = 'pending'
  RETURNING pp.*
), a AS (
  UPDATE customer_credits c
     SET current_balance = c.current_balance - p.amount, entry_count = c.entry_count + 1, updated_at = now(),
         due_since = CASE WHEN c.current_balance - p.amount <= 0 THEN NULL ELSE c.due_since END
    FROM p WHERE c.id = p.account_id
  RETURNING c.id, c.current_balance, c.entry_count
), t AS (
  INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by,
                            payment_method, approved_at, original_pending_id, entry_no, balance_after)
  SELECT p.business_id, p.customer_id, p.account_id, p.amount, 'payment', p.notes, p.approved_by, p.payment_method,
         p.approved_at, p.transaction_id, a.entry_count, a.current_balance
    FROM p JOIN a ON a.id = p.account_id
  RETURNING id
), e AS (
  INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
  SELECT transaction_id, account_id, business_id, customer_id, 'approved', 'pending', 'approved', approved_by, 'business' FROM p
)
SELECT p.transaction_id, t.id FROM p, t;
