-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- RecoveryCodesRepository.left
SELECT
  count(*)::int AS left
FROM
  recovery_codes
WHERE
  user_id = :userId;

-- RecoveryCodesRepository.replace
DELETE FROM recovery_codes
WHERE
  user_id = :userId;

INSERT INTO
  recovery_codes (user_id, code_hash)
SELECT
  CAST(:userId AS uuid),
  h
FROM
  unnest(CAST(:codeHashes AS VARCHAR[])) h;

-- RecoveryCodesRepository.use
DELETE FROM recovery_codes
WHERE
  user_id = :userId
  AND code_hash = :codeHash;
