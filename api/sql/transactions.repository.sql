-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- TransactionsRepository.findForUpdate
SELECT
  t.id AS id,
  t.account_id AS account_id,
  t.transaction_type AS transaction_type,
  t.amount AS amount,
  t.notes AS notes,
  t.payment_method AS payment_method,
  t.approved_at AS approved_at,
  t.original_pending_id AS original_pending_id,
  t.created_at AS created_at,
  t.created_by AS created_by,
  t.entry_no AS entry_no,
  t.balance_after AS balance_after,
  t.corrects_entry_id AS corrects_entry_id,
  (
    SELECT
      x.id
    FROM
      transactions x
    WHERE
      x.corrects_entry_id = t.id
  ) AS corrected_by,
  t.entry_no::text AS cursor_at
FROM
  transactions t
WHERE
  t.id = :entryId
  AND t.account_id = :accountId
  AND t.business_id = :tenantId
FOR UPDATE;

-- TransactionsRepository.list (business)
SELECT
  t.id AS id,
  t.account_id AS account_id,
  t.transaction_type AS transaction_type,
  t.amount AS amount,
  t.notes AS notes,
  t.payment_method AS payment_method,
  t.approved_at AS approved_at,
  t.original_pending_id AS original_pending_id,
  t.created_at AS created_at,
  t.created_by AS created_by,
  t.entry_no AS entry_no,
  t.balance_after AS balance_after,
  t.corrects_entry_id AS corrects_entry_id,
  (
    SELECT
      x.id
    FROM
      transactions x
    WHERE
      x.corrects_entry_id = t.id
  ) AS corrected_by,
  t.entry_no::text AS cursor_at
FROM
  transactions t
WHERE
  t.account_id = :accountId
  AND t.business_id = :tenantId
  AND t.entry_no < :afterNo::int
ORDER BY
  t.entry_no DESC
LIMIT
  :rows;

-- TransactionsRepository.list (customer)
SELECT
  t.id AS id,
  t.account_id AS account_id,
  t.transaction_type AS transaction_type,
  t.amount AS amount,
  t.notes AS notes,
  t.payment_method AS payment_method,
  t.approved_at AS approved_at,
  t.original_pending_id AS original_pending_id,
  t.created_at AS created_at,
  t.created_by AS created_by,
  t.entry_no AS entry_no,
  t.balance_after AS balance_after,
  t.corrects_entry_id AS corrects_entry_id,
  (
    SELECT
      x.id
    FROM
      transactions x
    WHERE
      x.corrects_entry_id = t.id
  ) AS corrected_by,
  t.entry_no::text AS cursor_at
FROM
  transactions t
WHERE
  t.account_id = :accountId
  AND t.customer_id = :tenantId
  AND t.business_id = (
    SELECT
      a.business_id
    FROM
      customer_credits a
    WHERE
      a.id = :accountId
  )
ORDER BY
  t.entry_no DESC
LIMIT
  :rows;

-- TransactionsRepository.record
INSERT INTO
  transactions AS t (
    business_id,
    customer_id,
    account_id,
    amount,
    transaction_type,
    notes,
    created_by,
    payment_method,
    corrects_entry_id
  )
SELECT
  a.business_id,
  a.customer_id,
  a.id,
  :amount,
  :type,
  :notes,
  :createdBy,
  :paymentMethod,
  :correctsEntryId
FROM
  customer_credits a
WHERE
  a.id = :accountId
  AND a.business_id = :tenantId
RETURNING
  t.id AS id,
  t.account_id AS account_id,
  t.transaction_type AS transaction_type,
  t.amount AS amount,
  t.notes AS notes,
  t.payment_method AS payment_method,
  t.approved_at AS approved_at,
  t.original_pending_id AS original_pending_id,
  t.created_at AS created_at,
  t.created_by AS created_by,
  t.entry_no AS entry_no,
  t.balance_after AS balance_after,
  t.corrects_entry_id AS corrects_entry_id,
  (
    SELECT
      x.id
    FROM
      transactions x
    WHERE
      x.corrects_entry_id = t.id
  ) AS corrected_by,
  t.entry_no::text AS cursor_at;
