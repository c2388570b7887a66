-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- IdempotencyRepository.claim
INSERT INTO
  idempotency_keys (user_id, key, fingerprint)
VALUES
  (:userId, :key, :fingerprint)
ON CONFLICT DO NOTHING
RETURNING
  key;

-- IdempotencyRepository.find
SELECT
  fingerprint,
  status_code,
  response_body
FROM
  idempotency_keys
WHERE
  user_id = :userId
  AND key = :key;

-- IdempotencyRepository.purgeOlderThan
DELETE FROM idempotency_keys
WHERE
  created_at < now() - make_interval(hours => :hours);

-- IdempotencyRepository.store
UPDATE idempotency_keys
SET
  status_code = :status,
  response_body = :body
WHERE
  user_id = :userId
  AND key = :key;
