-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- WebhookRelayRepository.batchEnd
SELECT
  least(
    :from::bigint + :batch,
    coalesce(max(position), 0)
  )::text AS upto
FROM
  event_log;

-- WebhookRelayRepository.claimDue
WITH
  due AS (
    SELECT
      d.id
    FROM
      webhook_deliveries d
      JOIN webhook_endpoints w ON w.id = d.endpoint_id
      AND w.disabled_at IS NULL
    WHERE
      d.status = 'pending'
      AND d.next_attempt_at <= now()
      AND NOT EXISTS (
        SELECT
          1
        FROM
          webhook_deliveries p
        WHERE
          p.endpoint_id = d.endpoint_id
          AND p.order_key = d.order_key
          AND p.status = 'pending'
          AND p.event_position < d.event_position
      )
    ORDER BY
      d.next_attempt_at,
      d.event_position NULLS FIRST
    LIMIT
      :limit
    FOR UPDATE OF
      d SKIP LOCKED
  )
UPDATE webhook_deliveries d
SET
  lease_token = :token,
  attempts = d.attempts + 1,
  next_attempt_at = now() + :leaseMs::int * interval '1 millisecond'
FROM
  due,
  webhook_endpoints w
WHERE
  d.id = due.id
  AND w.id = d.endpoint_id
RETURNING
  d.id,
  d.endpoint_id,
  d.message_id,
  d.body,
  d.attempts,
  w.url,
  w.secret,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret
  END AS previous_secret;

-- WebhookRelayRepository.entries
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
  t.entry_no::text AS cursor_at,
  t.customer_id
FROM
  transactions t
WHERE
  t.id = ANY (:ids::UUID[])
  OR t.original_pending_id = ANY (:paymentIds::UUID[]);

-- WebhookRelayRepository.insertDeliveries
INSERT INTO
  webhook_deliveries (
    endpoint_id,
    business_id,
    message_id,
    event_type,
    event_position,
    order_key,
    body
  )
SELECT
  x.endpoint_id,
  x.business_id,
  x.message_id,
  x.event_type,
  x.event_position,
  x.order_key,
  x.body
FROM
  jsonb_to_recordset(:deliveries::jsonb) AS x (
    endpoint_id uuid,
    business_id uuid,
    message_id text,
    event_type text,
    event_position bigint,
    order_key uuid,
    body text
  );

-- WebhookRelayRepository.lockPosition
SELECT
  position::text AS position
FROM
  event_consumers
WHERE
  name = :name
FOR UPDATE
  SKIP LOCKED;

-- WebhookRelayRepository.matches
SELECT
  e.position::text AS position,
  e.type,
  e.business_id,
  e.payment_id,
  e.transaction_id,
  e.at,
  w.id AS endpoint_id
FROM
  event_log e
  JOIN webhook_endpoints w ON w.business_id = e.business_id
  AND e.type = ANY (w.events)
  AND w.disabled_at IS NULL
WHERE
  e.position > :from
  AND e.position <= :upto
ORDER BY
  e.position,
  w.id;

-- WebhookRelayRepository.movePosition
UPDATE event_consumers
SET
  position = :position
WHERE
  name = :name;

-- WebhookRelayRepository.nextDue
SELECT
  min(d.next_attempt_at) AS due
FROM
  webhook_deliveries d
  JOIN webhook_endpoints w ON w.id = d.endpoint_id
  AND w.disabled_at IS NULL
WHERE
  d.status = 'pending'
  AND d.next_attempt_at > now();

-- WebhookRelayRepository.recordAttempt
WITH
  attempt AS (
    INSERT INTO
      webhook_attempts (
        delivery_id,
        status_code,
        latency_ms,
        error,
        response_body
      )
    SELECT
      d.id,
      :statusCode::int,
      :latencyMs::int,
      left(:error::text, 500),
      :responseBody::text
    FROM
      webhook_deliveries d
    WHERE
      d.id = :deliveryId
    RETURNING
      delivery_id
  ),
  delivery AS (
    UPDATE webhook_deliveries d
    SET
      status = :status::text,
      lease_token = NULL,
      next_attempt_at = CASE
        WHEN :status::text = 'pending' THEN now() + :retryInMs::int * interval '1 millisecond'
        ELSE d.next_attempt_at
      END
    WHERE
      d.id = :deliveryId
      AND d.lease_token = :token
    RETURNING
      d.endpoint_id
  ),
  endpoint AS (
    UPDATE webhook_endpoints w
    SET
      failing_since = CASE
        WHEN :status::text = 'delivered' THEN NULL
        ELSE coalesce(w.failing_since, now())
      END,
      disabled_at = CASE
        WHEN w.disabled_at IS NOT NULL THEN w.disabled_at
        WHEN :disable::text IS NOT NULL THEN now()
        WHEN :status::text <> 'delivered'
        AND w.failing_since < now() - :disableAfterMs::bigint * interval '1 millisecond' THEN now()
      END,
      disabled_reason = CASE
        WHEN w.disabled_at IS NOT NULL THEN w.disabled_reason
        WHEN :disable::text IS NOT NULL THEN :disable::text
        WHEN :status::text <> 'delivered'
        AND w.failing_since < now() - :disableAfterMs::bigint * interval '1 millisecond' THEN 'Every attempt failed since ' || to_char(
          w.failing_since AT TIME ZONE 'UTC',
          'YYYY-MM-DD HH24:MI'
        ) || ' UTC'
      END
    WHERE
      w.id = (
        SELECT
          endpoint_id
        FROM
          delivery
      )
  )
SELECT
  (
    SELECT
      count(*)
    FROM
      delivery
  )::int AS updated,
  (
    SELECT
      count(*)
    FROM
      attempt
  )::int AS logged;
