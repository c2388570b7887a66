-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- LoginSourcesRepository.forgetOlderThan
DELETE FROM login_known_sources
WHERE
  last_success_at < now() - make_interval(days => :days);

-- LoginSourcesRepository.known
SELECT
  kind,
  fingerprint
FROM
  login_known_sources
WHERE
  user_id = :userId
  AND last_success_at > now() - make_interval(days => :days)
  AND (
    (
      kind = 'device'
      AND fingerprint = :deviceHash
    )
    OR (
      kind = 'address'
      AND fingerprint = :addressHash
    )
  )
ORDER BY
  kind = 'device' DESC
LIMIT
  1;

-- LoginSourcesRepository.noteFailure
INSERT INTO
  login_failure_notices AS n (user_id, attempts, first_at, last_at)
VALUES
  (:userId, 1, now(), now())
ON CONFLICT (user_id) DO UPDATE
SET
  attempts = n.attempts + 1,
  last_at = now();

-- LoginSourcesRepository.remember
INSERT INTO
  login_known_sources (user_id, kind, fingerprint)
VALUES
  (:userId, 'device', :deviceHash),
  (:userId, 'address', :addressHash)
ON CONFLICT (user_id, kind, fingerprint) DO UPDATE
SET
  last_success_at = now();

-- LoginSourcesRepository.takeFailures
DELETE FROM login_failure_notices
WHERE
  user_id = :userId
RETURNING
  attempts,
  first_at,
  last_at;
