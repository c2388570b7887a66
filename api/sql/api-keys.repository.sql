-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- ApiKeysRepository.create
INSERT INTO
  api_keys AS k (
    business_id,
    created_by,
    name,
    prefix,
    secret_hash,
    scopes
  )
VALUES
  (
    :tenantId,
    :createdBy,
    :name,
    :prefix,
    :secretHash,
    :scopes::TEXT[]
  )
RETURNING
  k.id,
  k.name,
  k.prefix,
  k.scopes,
  k.created_at,
  k.last_used_at,
  k.revoked_at,
  k.created_at::text AS cursor_at;

-- ApiKeysRepository.findActive
SELECT
  id,
  business_id,
  created_by,
  scopes,
  last_used_at
FROM
  api_keys
WHERE
  secret_hash = :secretHash
  AND revoked_at IS NULL;

-- ApiKeysRepository.list (first page)
SELECT
  k.id,
  k.name,
  k.prefix,
  k.scopes,
  k.created_at,
  k.last_used_at,
  k.revoked_at,
  k.created_at::text AS cursor_at
FROM
  api_keys k
WHERE
  k.business_id = :tenantId
ORDER BY
  k.created_at DESC,
  k.id DESC
LIMIT
  :rows;

-- ApiKeysRepository.list (next page)
SELECT
  k.id,
  k.name,
  k.prefix,
  k.scopes,
  k.created_at,
  k.last_used_at,
  k.revoked_at,
  k.created_at::text AS cursor_at
FROM
  api_keys k
WHERE
  k.business_id = :tenantId
  AND (k.created_at, k.id) < (:afterAt::timestamptz, :afterId::uuid)
ORDER BY
  k.created_at DESC,
  k.id DESC
LIMIT
  :rows;

-- ApiKeysRepository.revoke
UPDATE api_keys k
SET
  revoked_at = coalesce(k.revoked_at, now())
WHERE
  k.id = :keyId
  AND k.business_id = :tenantId
RETURNING
  k.id,
  k.name,
  k.prefix,
  k.scopes,
  k.created_at,
  k.last_used_at,
  k.revoked_at,
  k.created_at::text AS cursor_at;

-- ApiKeysRepository.revokedAmong
SELECT
  id
FROM
  api_keys
WHERE
  id = ANY (:keyIds::UUID[])
  AND revoked_at IS NULL;

-- ApiKeysRepository.touch
UPDATE api_keys
SET
  last_used_at = now()
WHERE
  id = :keyId
  AND (
    last_used_at IS NULL
    OR last_used_at < now() - interval '1 minute'
  );
