-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- WebhookRelayRepository.analyzeDeliveries
ANALYZE webhook_deliveries;

-- WebhookRelayRepository.claimDue
WITH RECURSIVE
  busy AS (
    (
      SELECT
        d.endpoint_id
      FROM
        webhook_deliveries d
      WHERE
        d.status = 'pending'
      ORDER BY
        d.endpoint_id
      LIMIT
        1
    )
    UNION ALL
    SELECT
      (
        SELECT
          d.endpoint_id
        FROM
          webhook_deliveries d
        WHERE
          d.status = 'pending'
          AND d.endpoint_id > busy.endpoint_id
        ORDER BY
          d.endpoint_id
        LIMIT
          1
      )
    FROM
      busy
    WHERE
      busy.endpoint_id IS NOT NULL
  ),
  due AS (
    SELECT
      d.id
    FROM
      busy
      JOIN webhook_endpoints w ON w.id = busy.endpoint_id
      AND w.disabled_at IS NULL
      CROSS JOIN LATERAL (
        SELECT
          d.id,
          d.next_attempt_at,
          d.event_position
        FROM
          webhook_deliveries d
        WHERE
          d.endpoint_id = w.id
          AND d.status = 'pending'
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
          d.event_position
        LIMIT
          least(
            greatest(
              coalesce((:room::jsonb ->> w.id::text)::int, :perEndpoint),
              0
            ),
            :limit
          )
        FOR UPDATE OF
          d SKIP LOCKED
      ) d
    ORDER BY
      d.next_attempt_at,
      d.event_position
    LIMIT
      :limit
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
  d.business_id,
  d.message_id,
  d.body,
  d.attempts,
  w.url,
  w.secret,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret
  END AS previous_secret,
  set_config('synchronous_commit', 'off', TRUE) IS NOT NULL AS relaxed;

-- WebhookRelayRepository.deliveryStatistics
SELECT
  s.n_live_tup::float8 AS live,
  c.reltuples::float8 AS estimated
FROM
  pg_class c
  JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE
  c.oid = 'webhook_deliveries'::regclass;

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
WITH
  x AS (
    SELECT
      x.*,
      x.send
      AND NOT EXISTS (
        SELECT
          1
        FROM
          webhook_deliveries p
        WHERE
          p.endpoint_id = x.endpoint_id
          AND p.order_key = x.order_key
          AND p.status = 'pending'
      ) AS leased
    FROM
      jsonb_to_recordset(:deliveries::jsonb) AS x (
        endpoint_id uuid,
        business_id uuid,
        message_id text,
        event_type text,
        event_position bigint,
        order_key uuid,
        body text,
        send boolean
      )
  ),
  d AS (
    INSERT INTO
      webhook_deliveries AS d (
        endpoint_id,
        business_id,
        message_id,
        event_type,
        event_position,
        order_key,
        body,
        attempts,
        lease_token,
        next_attempt_at
      )
    SELECT
      x.endpoint_id,
      x.business_id,
      x.message_id,
      x.event_type,
      x.event_position,
      x.order_key,
      x.body,
      CASE
        WHEN x.leased THEN 1
        ELSE 0
      END,
      CASE
        WHEN x.leased THEN :token::uuid
      END,
      CASE
        WHEN x.leased THEN now() + :leaseMs::int * interval '1 millisecond'
        ELSE now()
      END
    FROM
      x
    RETURNING
      d.id,
      d.endpoint_id,
      d.business_id,
      d.message_id,
      d.body,
      d.attempts,
      d.lease_token
  ),
  moved AS (
    UPDATE event_consumers
    SET
      position = :position
    WHERE
      name = :name
  )
SELECT
  d.id,
  d.endpoint_id,
  d.business_id,
  d.message_id,
  d.body,
  d.attempts,
  w.url,
  w.secret,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret
  END AS previous_secret
FROM
  d
  JOIN webhook_endpoints w ON w.id = d.endpoint_id
WHERE
  d.lease_token IS NOT NULL;

-- WebhookRelayRepository.lockBatch
SELECT
  c.position::text AS "from",
  least(
    c.position + :batch,
    (
      SELECT
        coalesce(max(e.position), 0)
      FROM
        event_log e
    )
  )::text AS upto
FROM
  event_consumers c
WHERE
  c.name = :name
FOR UPDATE OF
  c SKIP LOCKED;

-- WebhookRelayRepository.matches
SELECT
  e.position::text AS position,
  e.type,
  e.business_id,
  e.payment_id,
  e.transaction_id,
  e.at,
  w.id AS endpoint_id,
  w.disabled_at IS NOT NULL AS held
FROM
  event_log e
  JOIN webhook_endpoints w ON w.business_id = e.business_id
  AND e.type = ANY (w.events)
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

-- WebhookRelayRepository.recordAttempts
WITH
  x AS (
    SELECT
      *
    FROM
      jsonb_to_recordset(:attempts::jsonb) AS x (
        seq int,
        delivery_id uuid,
        token uuid,
        status_code int,
        latency_ms int,
        error text,
        response_body text,
        status text,
        retry_in_ms int,
        disable text
      )
  ),
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
      x.delivery_id,
      x.status_code,
      x.latency_ms,
      left(x.error, 500),
      x.response_body
    FROM
      x
      JOIN webhook_deliveries d ON d.id = x.delivery_id
    WHERE
      d.id = ANY (:ids::UUID[])
    ORDER BY
      x.seq
  ),
  delivery AS (
    UPDATE webhook_deliveries d
    SET
      status = x.status,
      lease_token = NULL,
      next_attempt_at = CASE
        WHEN x.status = 'pending' THEN now() + x.retry_in_ms * interval '1 millisecond'
        ELSE d.next_attempt_at
      END
    FROM
      x
    WHERE
      d.id = ANY (:ids::UUID[])
      AND d.id = x.delivery_id
      AND d.lease_token = x.token
    RETURNING
      d.id,
      d.endpoint_id
  ),
  latest AS (
    SELECT DISTINCT
      ON (d.endpoint_id) d.endpoint_id,
      x.status,
      (
        SELECT
          y.disable
        FROM
          x y
          JOIN delivery e ON e.id = y.delivery_id
        WHERE
          e.endpoint_id = d.endpoint_id
          AND y.disable IS NOT NULL
        ORDER BY
          y.seq
        LIMIT
          1
      ) AS disable
    FROM
      delivery d
      JOIN x ON x.delivery_id = d.id
    ORDER BY
      d.endpoint_id,
      x.seq DESC
  ),
  next AS (
    SELECT
      w.id,
      w.failing_since,
      w.disabled_at,
      CASE
        WHEN l.status = 'delivered' THEN NULL
        ELSE coalesce(w.failing_since, now())
      END AS new_failing_since,
      CASE
        WHEN w.disabled_at IS NOT NULL THEN NULL
        WHEN l.disable IS NOT NULL THEN l.disable
        WHEN l.status <> 'delivered'
        AND w.failing_since < now() - :disableAfterMs::bigint * interval '1 millisecond' THEN 'Every attempt failed since ' || to_char(
          w.failing_since AT TIME ZONE 'UTC',
          'YYYY-MM-DD HH24:MI'
        ) || ' UTC'
      END AS new_disabled_reason
    FROM
      latest l
      JOIN webhook_endpoints w ON w.id = l.endpoint_id
  ),
  endpoint AS (
    UPDATE webhook_endpoints w
    SET
      failing_since = n.new_failing_since,
      disabled_at = CASE
        WHEN n.new_disabled_reason IS NOT NULL THEN now()
        ELSE w.disabled_at
      END,
      disabled_reason = coalesce(n.new_disabled_reason, w.disabled_reason)
    FROM
      next n
    WHERE
      w.id = n.id
      AND (
        n.new_failing_since IS DISTINCT FROM n.failing_since
        OR n.new_disabled_reason IS NOT NULL
      )
  )
SELECT
  x.delivery_id::text AS id,
  EXISTS (
    SELECT
      1
    FROM
      delivery d
    WHERE
      d.id = x.delivery_id
  ) AS held,
  set_config('synchronous_commit', 'off', TRUE) IS NOT NULL AS relaxed
FROM
  x;

-- WebhookRelayRepository.sealSecrets
UPDATE webhook_endpoints
SET
  secret = :sealed,
  previous_secret = :previousSealed
WHERE
  id = :id
  AND secret = :secret
  AND previous_secret IS NOT DISTINCT FROM :previous;

-- WebhookRelayRepository.unsealedSecrets
SELECT
  w.id,
  w.business_id,
  w.secret,
  w.previous_secret
FROM
  webhook_endpoints w
WHERE
  w.secret NOT LIKE 'enc1:%'
  OR w.previous_secret NOT LIKE 'enc1:%';
