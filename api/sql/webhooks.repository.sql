-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- WebhooksRepository.attemptsOf
SELECT
  a.delivery_id,
  a.at,
  a.status_code,
  a.latency_ms,
  a.error,
  a.response_body
FROM
  webhook_attempts a
  JOIN webhook_deliveries d ON d.id = a.delivery_id
WHERE
  d.business_id = :tenantId
  AND a.delivery_id = ANY (:deliveryIds::UUID[])
ORDER BY
  a.delivery_id,
  a.id DESC;

-- WebhooksRepository.createEndpointIfRoom
SELECT
  pg_advisory_xact_lock(
    hashtextextended ('webhook_endpoints ' || :tenantId, 0)
  );

SELECT
  count(*)::int AS n
FROM
  webhook_endpoints w
WHERE
  w.business_id = :tenantId;

INSERT INTO
  webhook_endpoints AS w (business_id, url, events, secret)
VALUES
  (:tenantId, :url, :events::VARCHAR[], :secret)
RETURNING
  w.id,
  w.url,
  w.events,
  w.disabled_at,
  w.disabled_reason,
  w.failing_since,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret_expires_at
  END AS previous_secret_expires_at,
  w.created_at;

-- WebhooksRepository.deleteEndpoint
DELETE FROM webhook_endpoints w
WHERE
  w.business_id = :tenantId
  AND w.id = :id;

-- WebhooksRepository.findEndpoint
SELECT
  w.id,
  w.url,
  w.events,
  w.disabled_at,
  w.disabled_reason,
  w.failing_since,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret_expires_at
  END AS previous_secret_expires_at,
  w.created_at
FROM
  webhook_endpoints w
WHERE
  w.business_id = :tenantId
  AND w.id = :id;

-- WebhooksRepository.insertTestDelivery
INSERT INTO
  webhook_deliveries AS d (
    endpoint_id,
    business_id,
    message_id,
    event_type,
    body
  )
SELECT
  w.id,
  w.business_id,
  :messageId,
  'webhook.test',
  :body
FROM
  webhook_endpoints w
WHERE
  w.business_id = :tenantId
  AND w.id = :endpointId
RETURNING
  d.id,
  d.message_id,
  d.event_type,
  d.status,
  d.attempts,
  d.next_attempt_at,
  d.created_at,
  d.created_at::text AS cursor_at;

-- WebhooksRepository.listDeliveries
SELECT
  d.id,
  d.message_id,
  d.event_type,
  d.status,
  d.attempts,
  d.next_attempt_at,
  d.created_at,
  d.created_at::text AS cursor_at
FROM
  webhook_deliveries d
WHERE
  d.business_id = :tenantId
  AND d.endpoint_id = :endpointId
  AND (
    :afterAt::timestamptz IS NULL
    OR (d.created_at, d.id) < (:afterAt::timestamptz, :afterId::uuid)
  )
ORDER BY
  d.created_at DESC,
  d.id DESC
LIMIT
  :limit;

-- WebhooksRepository.listEndpoints
SELECT
  w.id,
  w.url,
  w.events,
  w.disabled_at,
  w.disabled_reason,
  w.failing_since,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret_expires_at
  END AS previous_secret_expires_at,
  w.created_at
FROM
  webhook_endpoints w
WHERE
  w.business_id = :tenantId
ORDER BY
  w.created_at,
  w.id;

-- WebhooksRepository.replayDelivery
UPDATE webhook_deliveries d
SET
  status = 'pending',
  attempts = 0,
  next_attempt_at = now(),
  lease_token = NULL
WHERE
  d.business_id = :tenantId
  AND d.endpoint_id = :endpointId
  AND d.id = :deliveryId
  AND (
    d.lease_token IS NULL
    OR d.next_attempt_at <= now()
  )
RETURNING
  d.id,
  d.message_id,
  d.event_type,
  d.status,
  d.attempts,
  d.next_attempt_at,
  d.created_at,
  d.created_at::text AS cursor_at;

SELECT
  d.id,
  d.message_id,
  d.event_type,
  d.status,
  d.attempts,
  d.next_attempt_at,
  d.created_at,
  d.created_at::text AS cursor_at
FROM
  webhook_deliveries d
WHERE
  d.business_id = :tenantId
  AND d.endpoint_id = :endpointId
  AND d.id = :deliveryId;

-- WebhooksRepository.replayFailedSince
UPDATE webhook_deliveries d
SET
  status = 'pending',
  attempts = 0,
  next_attempt_at = now(),
  lease_token = NULL
WHERE
  d.business_id = :tenantId
  AND d.endpoint_id = :endpointId
  AND d.status = 'failed'
  AND d.created_at >= :since::timestamptz;

-- WebhooksRepository.rotateSecret
UPDATE webhook_endpoints w
SET
  previous_secret = w.secret,
  secret = :secret,
  previous_secret_expires_at = now() + :windowMs::bigint * interval '1 millisecond',
  updated_at = now()
WHERE
  w.business_id = :tenantId
  AND w.id = :id
RETURNING
  w.id,
  w.url,
  w.events,
  w.disabled_at,
  w.disabled_reason,
  w.failing_since,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret_expires_at
  END AS previous_secret_expires_at,
  w.created_at;

-- WebhooksRepository.updateEndpoint
UPDATE webhook_endpoints w
SET
  url = coalesce(:url, w.url),
  events = coalesce(:events::VARCHAR[], w.events),
  disabled_at = CASE
    WHEN :enabled::boolean IS NULL THEN w.disabled_at
    WHEN :enabled::boolean THEN NULL
    ELSE coalesce(w.disabled_at, now())
  END,
  disabled_reason = CASE
    WHEN :enabled::boolean IS NULL THEN w.disabled_reason
    WHEN :enabled::boolean THEN NULL
    ELSE coalesce(w.disabled_reason, 'Disabled by the owner')
  END,
  failing_since = CASE
    WHEN :enabled::boolean THEN NULL
    ELSE w.failing_since
  END,
  updated_at = now()
WHERE
  w.business_id = :tenantId
  AND w.id = :id
RETURNING
  w.id,
  w.url,
  w.events,
  w.disabled_at,
  w.disabled_reason,
  w.failing_since,
  CASE
    WHEN w.previous_secret_expires_at > now() THEN w.previous_secret_expires_at
  END AS previous_secret_expires_at,
  w.created_at;
