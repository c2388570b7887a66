-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- PaymentsRepository.approve
WITH
  p AS (
    UPDATE pending_payments
    SET
      status = 'approved',
      approved_at = now(),
      approved_by = :actorId
    WHERE
      transaction_id = :paymentId
      AND business_id = :tenantId
      AND status = 'pending'
    RETURNING
      *
  ),
  t AS (
    INSERT INTO
      transactions (
        business_id,
        customer_id,
        account_id,
        amount,
        transaction_type,
        notes,
        created_by,
        payment_method,
        approved_at,
        original_pending_id
      )
    SELECT
      business_id,
      customer_id,
      account_id,
      amount,
      'payment',
      notes,
      :actorId,
      payment_method,
      approved_at,
      transaction_id
    FROM
      p
    RETURNING
      *
  ),
  e AS (
    INSERT INTO
      payment_events (
        payment_id,
        account_id,
        business_id,
        customer_id,
        type,
        from_status,
        to_status,
        actor_id,
        actor_role
      )
    SELECT
      transaction_id,
      account_id,
      business_id,
      customer_id,
      'approved',
      'pending',
      'approved',
      :actorId,
      'business'
    FROM
      p
  )
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
  p.created_at::text AS cursor_at,
  t.id AS t_id,
  t.account_id AS t_account_id,
  t.transaction_type AS t_transaction_type,
  t.amount AS t_amount,
  t.notes AS t_notes,
  t.payment_method AS t_payment_method,
  t.approved_at AS t_approved_at,
  t.original_pending_id AS t_original_pending_id,
  t.created_at AS t_created_at,
  t.created_by AS t_created_by,
  t.entry_no AS t_entry_no,
  t.balance_after AS t_balance_after,
  t.corrects_entry_id AS t_corrects_entry_id,
  (
    SELECT
      x.id
    FROM
      transactions x
    WHERE
      x.corrects_entry_id = t.id
  ) AS t_corrected_by,
  t.entry_no::text AS t_cursor_at,
  a.id AS a_id,
  a.business_id AS a_business_id,
  b.name AS a_business_name,
  b.upi_id AS a_business_upi_id,
  a.customer_id AS a_customer_id,
  a.display_name AS a_customer_name,
  c.phone AS a_customer_phone,
  t.balance_after AS a_current_balance,
  a.invite_code AS a_invite_code,
  a.claimed_at IS NOT NULL AS a_claimed,
  a.merged_into AS a_merged_into,
  (
    SELECT
      coalesce(sum(x.amount), 0.00)
    FROM
      pending_payments x
    WHERE
      x.account_id = a.id
      AND x.status = 'pending'
      AND x.transaction_id <> p.transaction_id
  )::text AS a_pending_total,
  CASE
    WHEN t.balance_after <= 0 THEN NULL
    ELSE a.due_since
  END AS a_due_since,
  a.created_at AS a_created_at,
  a.created_at::text AS a_cursor_at
FROM
  p
  JOIN businesses b ON b.id = p.business_id
  JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id
  JOIN t ON t.original_pending_id = p.transaction_id
  JOIN customer_credits a ON a.id = p.account_id;

-- PaymentsRepository.cancel
WITH
  p AS (
    UPDATE pending_payments
    SET
      status = 'cancelled',
      cancelled_at = now()
    WHERE
      transaction_id = :paymentId
      AND customer_id = :tenantId
      AND status = 'pending'
    RETURNING
      *
  ),
  e AS (
    INSERT INTO
      payment_events (
        payment_id,
        account_id,
        business_id,
        customer_id,
        type,
        from_status,
        to_status,
        actor_id,
        actor_role
      )
    SELECT
      transaction_id,
      account_id,
      business_id,
      customer_id,
      'cancelled',
      'pending',
      'cancelled',
      :actorId,
      'customer'
    FROM
      p
  )
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
  p
  JOIN businesses b ON b.id = p.business_id
  JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id;

-- PaymentsRepository.find (business)
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
  p.transaction_id = :paymentId
  AND p.business_id = :tenantId;

-- PaymentsRepository.find (customer)
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
  p.transaction_id = :paymentId
  AND p.customer_id = :tenantId;

-- PaymentsRepository.history
SELECT
  e.type,
  e.from_status,
  e.to_status,
  e.actor_id,
  e.actor_role,
  e.reason,
  e.at
FROM
  pending_payments p
  JOIN payment_events e ON e.payment_id = p.transaction_id
WHERE
  p.transaction_id = :paymentId
  AND p.customer_id = :tenantId
ORDER BY
  e.id;

-- PaymentsRepository.insert
WITH
  p AS (
    INSERT INTO
      pending_payments (
        business_id,
        customer_id,
        account_id,
        amount,
        notes,
        utr,
        metadata
      )
    SELECT
      a.business_id,
      a.customer_id,
      a.id,
      :amount,
      :notes,
      :utr,
      :metadata
    FROM
      customer_credits a
    WHERE
      a.id = :accountId
      AND a.customer_id = :tenantId
    RETURNING
      *
  ),
  e AS (
    INSERT INTO
      payment_events (
        payment_id,
        account_id,
        business_id,
        customer_id,
        type,
        from_status,
        to_status,
        actor_id,
        actor_role
      )
    SELECT
      transaction_id,
      account_id,
      business_id,
      customer_id,
      'submitted',
      NULL,
      'pending',
      :actorId,
      :actorRole
    FROM
      p
  )
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
  p
  JOIN businesses b ON b.id = p.business_id
  JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id;

-- PaymentsRepository.list (business)
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
  p.business_id = :tenantId
  AND p.status = :status
  AND p.account_id = :accountId
  AND (p.created_at, p.transaction_id) < (:afterAt::timestamptz, :afterId::uuid)
  AND (
    pa.display_name ILIKE :pattern
    OR c.phone LIKE :pattern
    OR p.utr LIKE :pattern
  )
ORDER BY
  p.created_at DESC,
  p.transaction_id DESC
LIMIT
  :rows;

-- PaymentsRepository.list (customer)
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
  p.customer_id = :tenantId
  AND (
    b.name ILIKE :pattern
    OR p.utr LIKE :pattern
  )
ORDER BY
  p.created_at DESC,
  p.transaction_id DESC
LIMIT
  :rows;

-- PaymentsRepository.pendingOn
SELECT
  count(*)::int AS pending
FROM
  pending_payments p
WHERE
  p.account_id = :accountId
  AND p.customer_id = :tenantId
  AND p.status = 'pending';

-- PaymentsRepository.reject
WITH
  p AS (
    UPDATE pending_payments
    SET
      status = 'rejected',
      rejected_at = now(),
      rejected_by = :actorId,
      rejection_reason = :reason
    WHERE
      transaction_id = :paymentId
      AND business_id = :tenantId
      AND status = 'pending'
    RETURNING
      *
  ),
  e AS (
    INSERT INTO
      payment_events (
        payment_id,
        account_id,
        business_id,
        customer_id,
        type,
        from_status,
        to_status,
        actor_id,
        actor_role,
        reason
      )
    SELECT
      transaction_id,
      account_id,
      business_id,
      customer_id,
      'rejected',
      'pending',
      'rejected',
      :actorId,
      'business',
      :reason
    FROM
      p
  )
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
  p
  JOIN businesses b ON b.id = p.business_id
  JOIN customers c ON c.id = p.customer_id
  JOIN customer_credits pa ON pa.id = p.account_id;

-- PaymentsRepository.stats
SELECT
  coalesce(sum(s.pending_count), 0)::bigint AS pending_count,
  round(coalesce(sum(s.pending_total), 0), 2)::text AS pending_total,
  round(coalesce(sum(s.receivable_total), 0), 2)::text AS receivable_total,
  d.approved_count,
  d.approved_total,
  d.today,
  d.this_week,
  d.this_month
FROM
  (
    SELECT
      coalesce(
        sum(approved_count) FILTER (
          WHERE
            DAY = :day::date
        ),
        0
      )::bigint AS approved_count,
      round(
        coalesce(
          sum(approved_total) FILTER (
            WHERE
              DAY = :day::date
          ),
          0
        ),
        2
      )::text AS approved_total,
      round(
        coalesce(
          sum(approved_total + recorded_total) FILTER (
            WHERE
              DAY >= :day::date
          ),
          0
        ),
        2
      )::text AS today,
      round(
        coalesce(
          sum(approved_total + recorded_total) FILTER (
            WHERE
              DAY >= :week::date
          ),
          0
        ),
        2
      )::text AS this_week,
      round(
        coalesce(
          sum(approved_total + recorded_total) FILTER (
            WHERE
              DAY >= :month::date
          ),
          0
        ),
        2
      )::text AS this_month
    FROM
      payment_stats_daily
    WHERE
      business_id = :tenantId
      AND DAY >= least(:week::date, :month::date)
  ) d
  LEFT JOIN payment_stats s ON s.business_id = :tenantId
GROUP BY
  d.approved_count,
  d.approved_total,
  d.today,
  d.this_week,
  d.this_month;

-- PaymentsRepository.status
SELECT
  p.status
FROM
  pending_payments p
WHERE
  p.transaction_id = :paymentId
  AND p.business_id = :tenantId;
