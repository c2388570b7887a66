-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- RateLimitService.giveBack
UPDATE rate_limit_counters
SET
  hits = hits - 1
WHERE
  key = ANY (:keys)
  AND hits > 0
  AND resets_at > now();

-- RateLimitService.purgeExpired
DELETE FROM rate_limit_counters
WHERE
  resets_at < now();

-- RateLimitService.secondsLeft
SELECT
  ceil(
    extract(
      epoch
      FROM
        resets_at - now()
    )
  )::int AS wait
FROM
  rate_limit_counters
WHERE
  key = :key;

-- RateLimitService.takePoint
INSERT INTO
  rate_limit_counters AS c (key, hits, resets_at)
VALUES
  (:key, 1, now() + make_interval(secs => :seconds))
ON CONFLICT (key) DO UPDATE
SET
  hits = CASE
    WHEN c.resets_at <= now() THEN 1
    ELSE c.hits + 1
  END,
  resets_at = CASE
    WHEN c.resets_at <= now() THEN EXCLUDED.resets_at
    ELSE c.resets_at
  END
WHERE
  c.resets_at <= now()
  OR c.hits < :points
RETURNING
  hits;
