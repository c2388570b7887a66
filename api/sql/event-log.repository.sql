-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- EventLogRepository.after
SELECT
  e.position::text AS position,
  e.type,
  e.business_id,
  e.customer_id,
  e.payment_id
FROM
  event_log e
WHERE
  e.position > :position
ORDER BY
  e.position
LIMIT
  :limit;

-- EventLogRepository.announce
SELECT
  pg_notify (:channel, :upto);

-- EventLogRepository.anyUnsequenced
SELECT
  EXISTS (
    SELECT
      1
    FROM
      event_log
    WHERE
      position IS NULL
  ) AS waiting;

-- EventLogRepository.latestPosition
SELECT
  coalesce(max(position), 0)::text AS position
FROM
  event_log;

-- EventLogRepository.lockSequencer
SELECT
  pg_advisory_xact_lock(:lock);

-- EventLogRepository.paymentsById
SELECT
  p.transaction_id AS id,
  p.business_id AS business_id,
  b.name AS business_name,
  p.customer_id AS customer_id,
  pa.display_name AS customer_name,
  c.phone AS customer_phone,
  p.account_id AS account_id,
  p.amount AS amount,
  p.payment_method AS payment_method,
  p.notes AS notes,
  p.utr AS utr,
  p.status AS status,
  p.created_at AS created_at,
  p.approved_at AS approved_at,
  p.approved_by AS approved_by,
  p.rejected_at AS rejected_at,
  p.rejected_by AS rejected_by,
  p.rejection_reason AS rejection_reason,
  p.cancelled_at AS cancelled_at,
  p.created_at::text AS cursor_at
FROM
  pending_payments p
  JOIN businesses b ON b.id = p.business_id
  JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id
WHERE
  p.transaction_id = ANY (:paymentIds::UUID[]);

-- EventLogRepository.replay (business)
SELECT
  e.position::text AS event_position,
  e.type AS event_type,
  e.business_id AS event_business_id,
  e.customer_id AS event_customer_id,
  p.transaction_id AS id,
  p.business_id AS business_id,
  b.name AS business_name,
  p.customer_id AS customer_id,
  pa.display_name AS customer_name,
  c.phone AS customer_phone,
  p.account_id AS account_id,
  p.amount AS amount,
  p.payment_method AS payment_method,
  p.notes AS notes,
  p.utr AS utr,
  p.status AS status,
  p.created_at AS created_at,
  p.approved_at AS approved_at,
  p.approved_by AS approved_by,
  p.rejected_at AS rejected_at,
  p.rejected_by AS rejected_by,
  p.rejection_reason AS rejection_reason,
  p.cancelled_at AS cancelled_at,
  p.created_at::text AS cursor_at
FROM
  event_log e
  JOIN pending_payments p ON p.transaction_id = e.payment_id
  JOIN businesses b ON b.id = p.business_id
  JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id
WHERE
  e.business_id = :tenantId
  AND e.position > :position
  AND e.type LIKE 'payment.%'
ORDER BY
  e.position
LIMIT
  :limit;

-- EventLogRepository.replay (customer)
SELECT
  e.position::text AS event_position,
  e.type AS event_type,
  e.business_id AS event_business_id,
  e.customer_id AS event_customer_id,
  p.transaction_id AS id,
  p.business_id AS business_id,
  b.name AS business_name,
  p.customer_id AS customer_id,
  pa.display_name AS customer_name,
  c.phone AS customer_phone,
  p.account_id AS account_id,
  p.amount AS amount,
  p.payment_method AS payment_method,
  p.notes AS notes,
  p.utr AS utr,
  p.status AS status,
  p.created_at AS created_at,
  p.approved_at AS approved_at,
  p.approved_by AS approved_by,
  p.rejected_at AS rejected_at,
  p.rejected_by AS rejected_by,
  p.rejection_reason AS rejection_reason,
  p.cancelled_at AS cancelled_at,
  p.created_at::text AS cursor_at
FROM
  event_log e
  JOIN pending_payments p ON p.transaction_id = e.payment_id
  JOIN businesses b ON b.id = p.business_id
  JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id
WHERE
  e.customer_id = :tenantId
  AND e.position > :position
  AND e.type LIKE 'payment.%'
ORDER BY
  e.position
LIMIT
  :limit;

-- EventLogRepository.sequenceBatch
WITH
  batch AS (
    SELECT
      id,
      row_number() OVER (
        ORDER BY
          id
      ) AS n
    FROM
      (
        SELECT
          id
        FROM
          event_log
        WHERE
          position IS NULL
        ORDER BY
          id
        LIMIT
          :batch
      ) unsequenced
  ),
  sequenced AS (
    UPDATE event_log e
    SET
      position = (
        SELECT
          coalesce(max(position), 0)
        FROM
          event_log
      ) + batch.n
    FROM
      batch
    WHERE
      e.id = batch.id
    RETURNING
      e.position
  )
SELECT
  count(*)::int AS count,
  max(position)::text AS upto
FROM
  sequenced;
