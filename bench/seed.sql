-- Bench data set, set-based, straight into PostgreSQL (run by bench/run.mjs after the API has migrated the
-- database). psql-style variables are substituted by run.mjs: :'password_hash' (one argon2id hash, reused).
--
-- Shape (defaults):
--   1,000 businesses (business 1 is the large one), 50,000 customers, 1,000 + 50,000 users;
--   accounts: the large business has 20,000 customers; every customer also has accounts with 2 other businesses;
--   1,200,000 payments: large business 300,000 (120,000 pending), the others 900,000 (500,000 pending: enough
--   distinct pending payments for every approval the bench makes, both pgbench limits' included);
--   decided payments: 85% approved, 10% rejected, 5% cancelled, each with its audit events; every approved one
--   has its ledger row; 3 credit entries per account; balances = credits - approved payments.
--
-- Triggers and FK checks are skipped while loading (session_replication_role = replica); the secondary indexes
-- are dropped before and rebuilt after the load; the stats counters are rebuilt at the end.

SET session_replication_role = replica;

-- Deterministic ids (so rows can refer to each other without joins), shaped as version-4 UUIDs as the API expects.
CREATE FUNCTION pg_temp.u(seed text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT overlay(overlay(md5(seed) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$;
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
SET work_mem = '64MB';

-- Secondary (non-constraint) indexes of the big tables: drop now, rebuild after the load.
CREATE TEMP TABLE bench_saved_indexes AS
  SELECT i.indexname, i.indexdef FROM pg_indexes i
   WHERE i.schemaname = 'public'
     AND i.tablename IN ('pending_payments', 'payment_events', 'transactions', 'customer_credits', 'users', 'customers')
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM bench_saved_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
END $$;

-- Users: 1,000 business owners ('+9170' + 8 digits) and 50,000 customers ('+9180' + 8 digits), one shared hash.
INSERT INTO users (id, role, name, phone, password_hash, created_at)
SELECT pg_temp.u('ub' || i), 'business', 'Bench Owner ' || i, '+9170' || lpad(i::text, 8, '0'), :'password_hash',
       now() - interval '400 days'
  FROM generate_series(1, 1000) i;
INSERT INTO users (id, role, name, phone, password_hash, created_at)
SELECT pg_temp.u('uc' || j), 'customer', 'Bench Customer ' || j, '+9180' || lpad(j::text, 8, '0'), :'password_hash',
       now() - interval '300 days'
  FROM generate_series(1, 50000) j;

INSERT INTO businesses (id, owner_user_id, name, upi_id, join_code, created_at, updated_at)
SELECT pg_temp.u('b' || i), pg_temp.u('ub' || i), 'Bench Shop ' || i, 'benchshop' || i || '@ybl',
       'BJ' || lpad(i::text, 8, '0'), now() - interval '400 days', now() - interval '400 days'
  FROM generate_series(1, 1000) i;

INSERT INTO customers (id, user_id, name, phone, created_at)
SELECT pg_temp.u('c' || j), pg_temp.u('uc' || j), 'Bench Customer ' || j, '+9180' || lpad(j::text, 8, '0'),
       now() - interval '300 days'
  FROM generate_series(1, 50000) j;

-- Accounts: n = 1..20,000 with the large business (6 pending + 9 decided payments each);
-- n = 20,001..120,000 with the other 999 businesses (5 pending + 4 decided each).
CREATE TEMP TABLE bench_acct AS
SELECT n, pg_temp.u('a' || n) AS id, b AS bno, pg_temp.u('b' || b) AS business_id, pg_temp.u('ub' || b) AS owner_id,
       j AS cno, pg_temp.u('c' || j) AS customer_id, pg_temp.u('uc' || j) AS customer_user_id,
       CASE WHEN b = 1 THEN 6 ELSE 5 END AS npending, CASE WHEN b = 1 THEN 15 ELSE 9 END AS ntotal
  FROM (
    SELECT n, 1 AS b, n AS j FROM generate_series(1, 20000) n
    UNION ALL
    SELECT 20000 + m AS n,
           CASE WHEN m <= 50000 THEN 2 + (m % 999) ELSE 2 + ((m + 499) % 999) END AS b,
           ((m - 1) % 50000) + 1 AS j
      FROM generate_series(1, 100000) m
  ) s;

-- Payments: one row per (account, s); s <= npending is pending.
CREATE TEMP TABLE bench_pay AS
SELECT p.*,
       CASE WHEN p.pending THEN NULL
            WHEN p.r < 0.85 THEN 'approved' WHEN p.r < 0.95 THEN 'rejected' ELSE 'cancelled' END AS decision,
       CASE WHEN p.pending THEN NULL ELSE least(p.created_at + (random() * interval '3 hours'), now()) END AS decided_at
  FROM (
    SELECT pg_temp.u('p' || a.n || '-' || s) AS id, a.n AS acct_n, a.id AS account_id, a.business_id, a.customer_id,
           a.owner_id, a.customer_user_id, s <= a.npending AS pending, random() AS r,
           round((50 + random() * 4950)::numeric, 2) AS amount,
           CASE WHEN s <= a.npending THEN now() - random() * interval '30 days'
                ELSE now() - random() * interval '365 days' END AS created_at,
           CASE WHEN random() < 0.7 THEN lpad((a.n * 16 + s)::text, 12, '0') END AS utr,
           CASE WHEN random() < 0.3 THEN 'Paid via PhonePe, ref ' || s END AS notes
      FROM bench_acct a, generate_series(1, a.ntotal) s
  ) p;

INSERT INTO customer_credits (id, business_id, customer_id, current_balance, invite_code, claimed_at, created_at, updated_at, display_name)
SELECT id, business_id, customer_id, 0, NULL, now() - interval '200 days', now() - interval '200 days' - n * interval '1 second',
       now(), 'Bench Customer ' || cno
  FROM bench_acct;

INSERT INTO pending_payments (transaction_id, business_id, customer_id, account_id, amount, payment_method, notes, status, utr,
                              created_at, approved_at, approved_by, rejected_at, rejected_by, rejection_reason, cancelled_at)
SELECT id, business_id, customer_id, account_id, amount, 'PhonePe', notes, coalesce(decision, 'pending'), utr, created_at,
       CASE WHEN decision = 'approved' THEN decided_at END, CASE WHEN decision = 'approved' THEN owner_id END,
       CASE WHEN decision = 'rejected' THEN decided_at END, CASE WHEN decision = 'rejected' THEN owner_id END,
       CASE WHEN decision = 'rejected' THEN 'Amount not received in our account' END,
       CASE WHEN decision = 'cancelled' THEN decided_at END
  FROM bench_pay;

-- Audit trail: the submission of every payment, then the decision of the decided ones, in time order.
INSERT INTO payment_events (payment_id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role, reason, at)
SELECT id, account_id, business_id, customer_id, type, from_status, to_status, actor_id, actor_role, reason, at
  FROM (
    SELECT id, account_id, business_id, customer_id, 'submitted' AS type, NULL AS from_status, 'pending' AS to_status,
           customer_user_id AS actor_id, 'customer' AS actor_role, NULL AS reason, created_at AS at
      FROM bench_pay
    UNION ALL
    SELECT id, account_id, business_id, customer_id, decision, 'pending', decision,
           CASE WHEN decision = 'cancelled' THEN customer_user_id ELSE owner_id END,
           CASE WHEN decision = 'cancelled' THEN 'customer' ELSE 'business' END,
           CASE WHEN decision = 'rejected' THEN 'Amount not received in our account' END, decided_at
      FROM bench_pay WHERE decision IS NOT NULL
  ) e
 ORDER BY at;

-- Ledger: one payment entry per approved claim; per account an opening credit that covers its approved and
-- pending payments plus some, and two ordinary credits. The entry numbers and running balances (which the
-- database's trigger writes when the API records an entry; triggers are off while loading) are computed here, in
-- the order the entries were made.
CREATE TEMP TABLE bench_ledger AS
SELECT business_id, customer_id, account_id, amount, 'payment' AS transaction_type, notes, owner_id AS created_by,
       decided_at AS created_at, 'PhonePe' AS payment_method, decided_at AS approved_at, id AS original_pending_id
  FROM bench_pay WHERE decision = 'approved'
UNION ALL
SELECT a.business_id, a.customer_id, a.id,
       coalesce(sum(p.amount) FILTER (WHERE p.decision = 'approved' OR p.decision IS NULL), 0) + round((100 + random() * 9900)::numeric, 2),
       'credit', 'Opening balance', a.owner_id, now() - interval '366 days', 'manual', NULL, NULL
  FROM bench_acct a JOIN bench_pay p ON p.acct_n = a.n
 GROUP BY a.n, a.business_id, a.customer_id, a.id, a.owner_id
UNION ALL
SELECT a.business_id, a.customer_id, a.id, round((20 + random() * 2000)::numeric, 2), 'credit', 'Groceries',
       a.owner_id, now() - random() * interval '365 days', 'manual', NULL, NULL
  FROM bench_acct a, generate_series(1, 2) k;

INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by, created_at,
                          payment_method, approved_at, original_pending_id, entry_no, balance_after)
SELECT business_id, customer_id, account_id, amount, transaction_type, notes, created_by, created_at,
       payment_method, approved_at, original_pending_id,
       row_number() OVER w, sum(CASE transaction_type WHEN 'credit' THEN amount ELSE -amount END) OVER w
  FROM bench_ledger
WINDOW w AS (PARTITION BY account_id ORDER BY created_at, original_pending_id NULLS FIRST, amount);

-- Each account's balance, entry count and, when it owes, since when (its first entry after it last did not owe).
UPDATE customer_credits a
   SET current_balance = l.balance, entry_count = l.entries, due_since = CASE WHEN l.balance > 0 THEN l.since END
  FROM (SELECT t.account_id, max(t.entry_no) AS entries, (array_agg(t.balance_after ORDER BY t.entry_no DESC))[1] AS balance,
               min(t.created_at) FILTER (WHERE t.entry_no > s.settled) AS since
          FROM transactions t
          JOIN (SELECT account_id, coalesce(max(entry_no) FILTER (WHERE balance_after <= 0), 0) AS settled
                  FROM transactions GROUP BY account_id) s ON s.account_id = t.account_id
         GROUP BY t.account_id) l
 WHERE l.account_id = a.id;

-- Rebuild the dropped indexes.
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM bench_saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
END $$;

SET session_replication_role = origin;
