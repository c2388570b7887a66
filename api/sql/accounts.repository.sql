-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- AccountsRepository.activeWith
SELECT
  id
FROM
  customer_credits a
WHERE
  a.business_id = :businessId
  AND a.customer_id = :tenantId
  AND a.merged_into IS NULL
FOR UPDATE;

-- AccountsRepository.claim
UPDATE customer_credits
SET
  customer_id = :tenantId,
  invite_code = NULL,
  claimed_at = now(),
  updated_at = now()
WHERE
  id = :accountId;

-- AccountsRepository.codeOwner
SELECT
  b.name AS business_name,
  'join' AS kind
FROM
  businesses b
WHERE
  b.join_code = :code
UNION ALL
SELECT
  b.name,
  'invite'
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
WHERE
  a.invite_code = :code
LIMIT
  1;

-- AccountsRepository.createForPerson
WITH
  c AS (
    INSERT INTO
      customers (name, phone)
    VALUES
      (:name, :phone)
    RETURNING
      id
  )
INSERT INTO
  customer_credits (
    business_id,
    customer_id,
    invite_code,
    display_name
  )
SELECT
  :tenantId,
  c.id,
  :inviteCode,
  :name
FROM
  c
RETURNING
  id,
  customer_id;

-- AccountsRepository.dropOrphanPlaceholder
DELETE FROM customers c
WHERE
  c.id = :customerId
  AND c.user_id IS NULL
  AND NOT EXISTS (
    SELECT
      1
    FROM
      customer_credits a
    WHERE
      a.customer_id = c.id
  );

-- AccountsRepository.find (business)
SELECT
  a.id AS id,
  a.business_id AS business_id,
  b.name AS business_name,
  b.upi_id AS business_upi_id,
  a.customer_id AS customer_id,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance AS current_balance,
  a.invite_code AS invite_code,
  a.claimed_at IS NOT NULL AS claimed,
  a.merged_into AS merged_into,
  (
    SELECT
      coalesce(sum(x.amount), 0.00)
    FROM
      pending_payments x
    WHERE
      x.account_id = a.id
      AND x.status = 'pending'
  )::text AS pending_total,
  a.due_since AS due_since,
  a.created_at AS created_at,
  a.created_at::text AS cursor_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.id = :accountId
  AND a.business_id = :tenantId;

-- AccountsRepository.find (customer)
SELECT
  a.id AS id,
  a.business_id AS business_id,
  b.name AS business_name,
  b.upi_id AS business_upi_id,
  a.customer_id AS customer_id,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance AS current_balance,
  a.invite_code AS invite_code,
  a.claimed_at IS NOT NULL AS claimed,
  a.merged_into AS merged_into,
  (
    SELECT
      coalesce(sum(x.amount), 0.00)
    FROM
      pending_payments x
    WHERE
      x.account_id = a.id
      AND x.status = 'pending'
  )::text AS pending_total,
  a.due_since AS due_since,
  a.created_at AS created_at,
  a.created_at::text AS cursor_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.id = :accountId
  AND a.customer_id = :tenantId;

-- AccountsRepository.findByInviteCode
SELECT
  id,
  business_id,
  customer_id
FROM
  customer_credits
WHERE
  invite_code = :inviteCode
FOR UPDATE;

-- AccountsRepository.findPlaceholder
SELECT
  a.id,
  a.customer_id
FROM
  customer_credits a
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.business_id = :tenantId
  AND c.phone = :phone
  AND c.user_id IS NULL
  AND a.merged_into IS NULL;

-- AccountsRepository.hasPhone
SELECT
  1
FROM
  customer_credits a
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.business_id = :tenantId
  AND c.phone = :phone
  AND a.merged_into IS NULL;

-- AccountsRepository.list (business)
SELECT
  a.id AS id,
  a.business_id AS business_id,
  b.name AS business_name,
  b.upi_id AS business_upi_id,
  a.customer_id AS customer_id,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance AS current_balance,
  a.invite_code AS invite_code,
  a.claimed_at IS NOT NULL AS claimed,
  a.merged_into AS merged_into,
  (
    SELECT
      coalesce(sum(x.amount), 0.00)
    FROM
      pending_payments x
    WHERE
      x.account_id = a.id
      AND x.status = 'pending'
  )::text AS pending_total,
  a.due_since AS due_since,
  a.created_at AS created_at,
  a.created_at::text AS cursor_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.business_id = :tenantId
  AND a.merged_into IS NULL
  AND (a.created_at, a.id) < (:afterAt::timestamptz, :afterId::uuid)
  AND (
    a.display_name ILIKE :pattern
    OR c.phone LIKE :pattern
  )
ORDER BY
  a.created_at DESC,
  a.id DESC
LIMIT
  :rows;

-- AccountsRepository.list (owed)
SELECT
  a.id AS id,
  a.business_id AS business_id,
  b.name AS business_name,
  b.upi_id AS business_upi_id,
  a.customer_id AS customer_id,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance AS current_balance,
  a.invite_code AS invite_code,
  a.claimed_at IS NOT NULL AS claimed,
  a.merged_into AS merged_into,
  (
    SELECT
      coalesce(sum(x.amount), 0.00)
    FROM
      pending_payments x
    WHERE
      x.account_id = a.id
      AND x.status = 'pending'
  )::text AS pending_total,
  a.due_since AS due_since,
  a.created_at AS created_at,
  a.current_balance::text AS cursor_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.business_id = :tenantId
  AND a.merged_into IS NULL
  AND (a.current_balance, a.id) < (:afterAt::numeric, :afterId::uuid)
ORDER BY
  a.current_balance DESC,
  a.id DESC
LIMIT
  :rows;

-- AccountsRepository.list (oldest due)
SELECT
  a.id AS id,
  a.business_id AS business_id,
  b.name AS business_name,
  b.upi_id AS business_upi_id,
  a.customer_id AS customer_id,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance AS current_balance,
  a.invite_code AS invite_code,
  a.claimed_at IS NOT NULL AS claimed,
  a.merged_into AS merged_into,
  (
    SELECT
      coalesce(sum(x.amount), 0.00)
    FROM
      pending_payments x
    WHERE
      x.account_id = a.id
      AND x.status = 'pending'
  )::text AS pending_total,
  a.due_since AS due_since,
  a.created_at AS created_at,
  coalesce(a.due_since, 'infinity')::text AS cursor_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.business_id = :tenantId
  AND a.merged_into IS NULL
  AND (coalesce(a.due_since, 'infinity'), a.id) > (:afterAt::timestamptz, :afterId::uuid)
ORDER BY
  coalesce(a.due_since, 'infinity') ASC,
  a.id ASC
LIMIT
  :rows;

-- AccountsRepository.list (customer)
SELECT
  a.id AS id,
  a.business_id AS business_id,
  b.name AS business_name,
  b.upi_id AS business_upi_id,
  a.customer_id AS customer_id,
  a.display_name AS customer_name,
  c.phone AS customer_phone,
  a.current_balance AS current_balance,
  a.invite_code AS invite_code,
  a.claimed_at IS NOT NULL AS claimed,
  a.merged_into AS merged_into,
  (
    SELECT
      coalesce(sum(x.amount), 0.00)
    FROM
      pending_payments x
    WHERE
      x.account_id = a.id
      AND x.status = 'pending'
  )::text AS pending_total,
  a.due_since AS due_since,
  a.created_at AS created_at,
  a.created_at::text AS cursor_at
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
  JOIN customers c ON c.id = a.customer_id
WHERE
  a.customer_id = :tenantId
  AND a.merged_into IS NULL
  AND b.name ILIKE :pattern
ORDER BY
  a.created_at DESC,
  a.id DESC
LIMIT
  :rows;

-- AccountsRepository.lock
SELECT
  1
FROM
  customer_credits a
WHERE
  a.id = :accountId
  AND a.customer_id = :tenantId
  AND a.merged_into IS NULL
FOR UPDATE;

-- AccountsRepository.lockForMerge
SELECT
  id,
  customer_id,
  current_balance,
  claimed_at IS NOT NULL AS claimed,
  merged_into
FROM
  customer_credits a
WHERE
  a.id = ANY (:accountIds::UUID[])
  AND a.business_id = :tenantId
ORDER BY
  id
FOR UPDATE;

-- AccountsRepository.markMerged
UPDATE customer_credits a
SET
  merged_into = :intoId,
  merged_at = now(),
  invite_code = NULL,
  updated_at = now()
WHERE
  a.id = :fromId
  AND a.business_id = :tenantId;

-- AccountsRepository.open
INSERT INTO
  customer_credits (
    business_id,
    customer_id,
    claimed_at,
    display_name
  )
SELECT
  :businessId,
  c.id,
  now(),
  c.name
FROM
  customers c
WHERE
  c.id = :tenantId
RETURNING
  id;

-- AccountsRepository.previewCode
SELECT
  b.id AS business_id,
  b.name AS business_name,
  'join' AS kind,
  NULL AS account_name,
  EXISTS (
    SELECT
      1
    FROM
      customer_credits a
    WHERE
      a.business_id = b.id
      AND a.customer_id = :tenantId
      AND a.merged_into IS NULL
  ) AS already_linked
FROM
  businesses b
WHERE
  b.join_code = :code
UNION ALL
SELECT
  b.id,
  b.name,
  'invite',
  a.display_name,
  EXISTS (
    SELECT
      1
    FROM
      customer_credits o
    WHERE
      o.business_id = b.id
      AND o.customer_id = :tenantId
      AND o.merged_into IS NULL
  )
FROM
  customer_credits a
  JOIN businesses b ON b.id = a.business_id
WHERE
  a.invite_code = :code
LIMIT
  1;

-- AccountsRepository.recordMerge
INSERT INTO
  account_merges (
    business_id,
    into_account_id,
    from_account_id,
    moved_balance,
    actor_id,
    actor_role
  )
VALUES
  (
    :tenantId,
    :intoId,
    :fromId,
    :movedBalance,
    :actorId,
    :actorRole
  );
