-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- TokensRepository.findPresented
SELECT
  t.id AS token_id,
  t.used_at,
  t.expires_at <= now() AS expired,
  u.id,
  u.role,
  u.name,
  u.phone,
  b.id AS business_id,
  c.id AS customer_id
FROM
  refresh_tokens t
  JOIN users u ON u.id = t.user_id
  LEFT JOIN businesses b ON b.owner_user_id = u.id
  LEFT JOIN customers c ON c.user_id = u.id
WHERE
  t.token_hash = :tokenHash
FOR UPDATE OF
  t;

-- TokensRepository.issue
INSERT INTO
  refresh_tokens (user_id, family_id, token_hash, expires_at)
SELECT
  :userId,
  f.id,
  :tokenHash,
  least(
    now() + make_interval(secs => :ttlSeconds),
    f.expires_at
  )
FROM
  refresh_token_families f
WHERE
  f.id = :familyId;

-- TokensRepository.lockFamilyOf
SELECT
  f.id,
  f.revoked_at,
  f.expires_at <= now() AS ended
FROM
  refresh_token_families f
WHERE
  f.id = (
    SELECT
      family_id
    FROM
      refresh_tokens
    WHERE
      token_hash = :tokenHash
  )
FOR UPDATE;

-- TokensRepository.purgeEnded
DELETE FROM refresh_token_families
WHERE
  expires_at < now() - make_interval(hours => :graceHours)
  OR revoked_at < now() - make_interval(hours => :graceHours);

DELETE FROM refresh_tokens
WHERE
  expires_at < now() - make_interval(hours => :graceHours);

-- TokensRepository.revokeAllOf
UPDATE refresh_token_families
SET
  revoked_at = now()
WHERE
  user_id = :userId
  AND revoked_at IS NULL
  AND expires_at > now();

UPDATE refresh_tokens
SET
  revoked_at = now()
WHERE
  user_id = :userId
  AND revoked_at IS NULL;

-- TokensRepository.revokeFamily
UPDATE refresh_token_families
SET
  revoked_at = now()
WHERE
  id = :familyId
  AND revoked_at IS NULL;

UPDATE refresh_tokens
SET
  revoked_at = now()
WHERE
  family_id = :familyId
  AND revoked_at IS NULL;

-- TokensRepository.spend
UPDATE refresh_tokens
SET
  used_at = now()
WHERE
  id = :tokenId;

-- TokensRepository.startFamily
INSERT INTO
  refresh_token_families (user_id, expires_at)
VALUES
  (
    :userId,
    now() + make_interval(secs => :ttlSeconds)
  )
RETURNING
  id;
