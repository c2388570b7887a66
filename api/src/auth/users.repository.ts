import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { Role } from './principal';

/** A user with the profile of their role: the business they own, or their customer record. */
export interface UserRow {
  id: string;
  role: Role;
  name: string;
  phone: string;
  business_id: string | null;
  customer_id: string | null;
}

export interface MeRow extends UserRow {
  business_name: string | null;
  upi_id: string | null;
  join_code: string | null;
  customer_name: string | null;
  customer_phone: string | null;
}

const WITH_PROFILE = `FROM users u LEFT JOIN businesses b ON b.owner_user_id = u.id LEFT JOIN customers c ON c.user_id = u.id`;

/**
 * Users (one phone, one role) and a customer user's own customer record. Users are no tenant's data: a user is who
 * signs in, before any tenant is known; every statement here is about one user.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({ params: [{ role: 'customer', name: 'Asha Verma', phone: SAMPLE.phone, passwordHash: '$argon2id$...' }] })
  async create(user: { role: Role; name: string; phone: string; passwordHash: string }): Promise<UserRow> {
    const row = await this.db.system('sign-up: the user is being made').one<UserRow>(
      `INSERT INTO users (role, name, phone, password_hash) VALUES (:role, :name, :phone, :passwordHash)
         RETURNING id, role, name, phone, NULL::uuid AS business_id, NULL::uuid AS customer_id`,
      user,
    );
    return row!;
  }

  /** A customer user's own customer record: the one their accounts name. */
  @GenerateSql({ params: [SAMPLE.id, 'Asha Verma', SAMPLE.phone] })
  async createCustomerProfile(userId: string, name: string, phone: string): Promise<string> {
    const row = await this.db
      .system('sign-up: the user is being made')
      .one<{ id: string }>(`INSERT INTO customers (user_id, name, phone) VALUES (:userId, :name, :phone) RETURNING id`, {
        userId,
        name,
        phone,
      });
    return row!.id;
  }

  /** Whether anyone has signed up yet (the demo data goes only into an empty database). */
  @GenerateSql()
  async anyone(): Promise<boolean> {
    const row = await this.db
      .system('a question about the whole database')
      .one<{ anyone: boolean }>(`SELECT EXISTS (SELECT 1 FROM users) AS anyone`);
    return row!.anyone;
  }

  /** Signing in: the user of a phone number, with the password hash to check. */
  @GenerateSql({ params: [SAMPLE.phone] })
  findByPhone(phone: string): Promise<(UserRow & { password_hash: string }) | null> {
    return this.db
      .system('signing in: the phone is all there is to go by')
      .one(
        `SELECT u.id, u.role, u.name, u.phone, u.password_hash, b.id AS business_id, c.id AS customer_id ${WITH_PROFILE} WHERE u.phone = :phone`,
        {
          phone,
        },
      );
  }

  /** A signed-in user asking to change something about their login: the password hash to check it against (open accounts only). */
  @GenerateSql({ params: [SAMPLE.id] })
  findCredentials(userId: string): Promise<(UserRow & { password_hash: string; created_at: Date }) | null> {
    return this.db.system('a user changes their own login').one(
      `SELECT u.id, u.role, u.name, u.phone, u.password_hash, u.created_at, b.id AS business_id, c.id AS customer_id ${WITH_PROFILE}
          WHERE u.id = :userId AND u.closed_at IS NULL`,
      { userId },
    );
  }

  @GenerateSql({ params: [SAMPLE.id, '$argon2id$...'] })
  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db
      .system('a user changes their own login')
      .count(`UPDATE users SET password_hash = :passwordHash WHERE id = :userId AND closed_at IS NULL`, { userId, passwordHash });
  }

  /**
   * Closing: the login goes (no phone, no password: nobody can log in, the phone can register again) and the name
   * becomes the pseudonym; the row stays, since the ledger's entries and decisions name its id.
   */
  @GenerateSql({ params: [SAMPLE.id, 'Closed account 7F3A'] })
  async close(userId: string, pseudonym: string): Promise<boolean> {
    const closed = await this.db
      .system('a user closes their own account')
      .count(
        `UPDATE users SET name = :pseudonym, phone = NULL, password_hash = NULL, closed_at = now() WHERE id = :userId AND closed_at IS NULL`,
        { userId, pseudonym },
      );
    return closed > 0;
  }

  @GenerateSql({ params: [SAMPLE.id] })
  find(userId: string): Promise<MeRow | null> {
    return this.db.system('a user reads their own profile').one(
      `SELECT u.id, u.role, u.name, u.phone,
              b.id AS business_id, b.name AS business_name, b.upi_id, b.join_code,
              c.id AS customer_id, c.name AS customer_name, c.phone AS customer_phone
         ${WITH_PROFILE} WHERE u.id = :userId AND u.closed_at IS NULL`,
      { userId },
    );
  }
}
