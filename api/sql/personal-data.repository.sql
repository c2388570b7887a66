-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- PersonalDataRepository.accounts (owner)
SELECT
  a.id,
  a.business_id,
  b.name AS business_name,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance,
  a.created_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.business_id = :tenantId
ORDER BY
  a.created_at,
  a.id;

-- PersonalDataRepository.accounts (customer)
SELECT
  a.id,
  a.business_id,
  b.name AS business_name,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance,
  a.created_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.customer_id = :tenantId
ORDER BY
  a.created_at,
  a.id;

-- PersonalDataRepository.claims (owner)
SELECT
  p.transaction_id AS id,
  p.account_id,
  p.amount,
  p.status,
  p.utr,
  p.notes,
  p.rejection_reason,
  p.created_at,
  coalesce(p.approved_at, p.rejected_at, p.cancelled_at) AS decided_at
FROM
  pending_payments p
WHERE
  p.business_id = :tenantId
ORDER BY
  p.created_at,
  p.transaction_id;

-- PersonalDataRepository.claims (customer)
SELECT
  p.transaction_id AS id,
  p.account_id,
  p.amount,
  p.status,
  p.utr,
  p.notes,
  p.rejection_reason,
  p.created_at,
  coalesce(p.approved_at, p.rejected_at, p.cancelled_at) AS decided_at
FROM
  pending_payments p
WHERE
  p.customer_id = :tenantId
ORDER BY
  p.created_at,
  p.transaction_id;

-- PersonalDataRepository.closeShop
UPDATE businesses b
SET
  closed_at = now(),
  join_code = NULL,
  updated_at = now()
WHERE
  b.id = :tenantId
  AND b.closed_at IS NULL;

-- PersonalDataRepository.entries (owner)
SELECT
  t.id,
  t.account_id,
  t.entry_no,
  t.transaction_type AS type,
  t.amount,
  t.balance_after,
  t.notes,
  t.created_at
FROM
  transactions t
WHERE
  t.business_id = :tenantId
ORDER BY
  t.account_id,
  t.entry_no;

-- PersonalDataRepository.entries (customer)
SELECT
  t.id,
  t.account_id,
  t.entry_no,
  t.transaction_type AS type,
  t.amount,
  t.balance_after,
  t.notes,
  t.created_at
FROM
  transactions t
WHERE
  t.customer_id = :tenantId
ORDER BY
  t.account_id,
  t.entry_no;

-- PersonalDataRepository.forgetLogins
DELETE FROM recovery_codes
WHERE
  user_id = :userId;

DELETE FROM login_known_sources
WHERE
  user_id = :userId;

DELETE FROM login_failure_notices
WHERE
  user_id = :userId;

DELETE FROM idempotency_keys
WHERE
  user_id = :userId;

-- PersonalDataRepository.openBooks
SELECT
  (
    SELECT
      count(*)::int
    FROM
      customer_credits a
    WHERE
      a.business_id = :tenantId
      AND a.current_balance <> 0
  ) AS unsettled,
  (
    SELECT
      count(*)::int
    FROM
      pending_payments p
    WHERE
      p.business_id = :tenantId
      AND p.status = 'pending'
  ) AS pending;

-- PersonalDataRepository.pseudonymiseCustomer
UPDATE customers c
SET
  name = :pseudonym,
  phone = :phone
WHERE
  c.id = :tenantId;

UPDATE customer_credits a
SET
  display_name = :pseudonym
WHERE
  a.customer_id = :tenantId;

-- PersonalDataRepository.shop
SELECT
  b.id,
  b.name,
  b.upi_id,
  b.created_at
FROM
  businesses b
WHERE
  b.id = :tenantId;
