-- The SQL catalogue, written by `npm run sql` (api/src/database/write-sql.ts): do not edit by hand.

-- UsersRepository.anyone
SELECT
  EXISTS (
    SELECT
      1
    FROM
      users
  ) AS anyone;

-- UsersRepository.close
UPDATE users
SET
  name = :pseudonym,
  phone = NULL,
  password_hash = NULL,
  closed_at = now()
WHERE
  id = :userId
  AND closed_at IS NULL;

-- UsersRepository.create
INSERT INTO
  users (role, name, phone, password_hash)
VALUES
  (:role, :name, :phone, :passwordHash)
RETURNING
  id,
  role,
  name,
  phone,
  NULL::uuid AS business_id,
  NULL::uuid AS customer_id;

-- UsersRepository.createCustomerProfile
INSERT INTO
  customers (user_id, name, phone)
VALUES
  (:userId, :name, :phone)
RETURNING
  id;

-- UsersRepository.find
SELECT
  u.id,
  u.role,
  u.name,
  u.phone,
  b.id AS business_id,
  b.name AS business_name,
  b.upi_id,
  b.join_code,
  c.id AS customer_id,
  c.name AS customer_name,
  c.phone AS customer_phone
FROM
  users u
  LEFT JOIN businesses b ON b.owner_user_id = u.id
  LEFT JOIN customers c ON c.user_id = u.id
WHERE
  u.id = :userId
  AND u.closed_at IS NULL;

-- UsersRepository.findByPhone
SELECT
  u.id,
  u.role,
  u.name,
  u.phone,
  u.password_hash,
  b.id AS business_id,
  c.id AS customer_id
FROM
  users u
  LEFT JOIN businesses b ON b.owner_user_id = u.id
  LEFT JOIN customers c ON c.user_id = u.id
WHERE
  u.phone = :phone;

-- UsersRepository.findCredentials
SELECT
  u.id,
  u.role,
  u.name,
  u.phone,
  u.password_hash,
  u.created_at,
  b.id AS business_id,
  c.id AS customer_id
FROM
  users u
  LEFT JOIN businesses b ON b.owner_user_id = u.id
  LEFT JOIN customers c ON c.user_id = u.id
WHERE
  u.id = :userId
  AND u.closed_at IS NULL;

-- UsersRepository.setPassword
UPDATE users
SET
  password_hash = :passwordHash
WHERE
  id = :userId
  AND closed_at IS NULL;
