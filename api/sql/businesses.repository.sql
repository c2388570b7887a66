-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- BusinessesRepository.create
INSERT INTO
  businesses (owner_user_id, name, upi_id, join_code)
VALUES
  (:ownerUserId, :name, :upiId, :joinCode)
RETURNING
  id;

-- BusinessesRepository.find (owner)
SELECT
  b.id,
  b.name,
  b.upi_id,
  b.join_code
FROM
  businesses b
WHERE
  b.id = :businessId
  AND b.id = :tenantId;

-- BusinessesRepository.find (customer)
SELECT
  b.id,
  b.name,
  b.upi_id,
  b.join_code
FROM
  businesses b
WHERE
  b.id = :businessId
  AND EXISTS (
    SELECT
      1
    FROM
      customer_credits a
    WHERE
      a.business_id = b.id
      AND a.customer_id = :tenantId
  );

-- BusinessesRepository.findByJoinCode
SELECT
  id
FROM
  businesses
WHERE
  join_code = :joinCode;

-- BusinessesRepository.isClosed
SELECT
  b.closed_at IS NOT NULL AS closed
FROM
  businesses b
WHERE
  b.id = :businessId
  AND EXISTS (
    SELECT
      1
    FROM
      customer_credits a
    WHERE
      a.business_id = b.id
      AND a.customer_id = :tenantId
  )
FOR KEY SHARE OF
  b;

-- BusinessesRepository.lock
SELECT
  1
FROM
  businesses b
WHERE
  b.id = :tenantId
FOR UPDATE;

-- BusinessesRepository.setJoinCode
UPDATE businesses b
SET
  join_code = :joinCode,
  updated_at = now()
WHERE
  b.id = :tenantId
RETURNING
  b.id,
  b.name,
  b.upi_id,
  b.join_code;

-- BusinessesRepository.update
UPDATE businesses b
SET
  name = coalesce(:name, name),
  upi_id = coalesce(:upiId, upi_id),
  updated_at = now()
WHERE
  b.id = :tenantId
RETURNING
  b.id,
  b.name,
  b.upi_id,
  b.join_code;
