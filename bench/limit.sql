-- pgbench: the SQL work of one approval, as the API's APPROVE statement (api/src/approvals/approvals.service.ts):
-- status change, ledger row (whose trigger moves the balance), audit row, and the joined row the API returns.
-- No HTTP, no ORM.
-- Each transaction takes a distinct pending payment: k = base + client_id + nclients * i (i counts per client).
\set k :base + :client_id + :nclients * :i
\set i :i + 1
WITH q AS (
  SELECT payment_id, business_id, approver FROM bench_limit_ids WHERE k = :k
), p AS (
  UPDATE pending_payments pp SET status = 'approved', approved_at = now(), approved_by = q.approver
    FROM q WHERE pp.transaction_id = q.payment_id AND pp.business_id = q.business_id AND pp.status = 'pending'
  RETURNING pp.*
), t AS (
  INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by,
                            payment_method, approved_at, original_pending_id)
  SELECT business_id, customer_id, account_id, amount, 'payment', notes, approved_by, payment_method, approved_at, transaction_id
    FROM p
  RETURNING *
), e AS (
  INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role)
  SELECT transaction_id, account_id, business_id, customer_id, 'approved', 'pending', 'approved', approved_by, 'business' FROM p
)
SELECT p.transaction_id AS id, p.business_id, b.name AS business_name, p.customer_id,
       c.name AS customer_name, c.phone AS customer_phone, p.account_id, p.amount, p.payment_method, p.notes, p.utr,
       p.status, p.created_at, p.approved_at, p.approved_by, p.rejected_at, p.rejected_by, p.rejection_reason,
       p.cancelled_at, p.created_at::text AS cursor_at,
       t.id AS t_id, t.transaction_type AS t_type, t.amount AS t_amount, t.notes AS t_notes, t.payment_method AS t_method,
       t.approved_at AS t_approved_at, t.created_at AS t_created_at, t.created_at::text AS t_cursor_at, t.created_by AS t_created_by,
       t.balance_after AS a_balance, a.invite_code AS a_invite_code, a.claimed_at IS NOT NULL AS a_claimed,
       a.created_at AS a_created_at, a.created_at::text AS a_cursor_at, b.upi_id AS b_upi_id
  FROM p JOIN businesses b ON b.id = p.business_id JOIN customers c ON c.id = p.customer_id
  JOIN t ON t.original_pending_id = p.transaction_id
  JOIN customer_credits a ON a.id = p.account_id;
