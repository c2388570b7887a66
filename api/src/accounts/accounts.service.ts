import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { newShortCode } from '../businesses/short-code';
import { isUniqueViolation } from '../database/pg-errors';
import { toPaise } from '../money/money';
import { decodeCursor, toPage } from '../pagination/pagination';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { ACCOUNT_SELECT, AccountRow, searchPattern, toAccountDto } from './accounts.sql';
import type { AccountDto, AccountPageDto, CreateAccountDto, JoinPreviewDto, ListAccountsQuery } from './dto/account.dto';

export const accountNotFound = () => new DomainError(ProblemCode.AccountNotFound, 'No such account among yours');

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rateLimits: RateLimitService,
  ) {}

  /** A business adds someone it sells to on credit; the account gets an invite code the person can claim it with. */
  async create(principal: Principal, dto: CreateAccountDto): Promise<AccountDto> {
    const businessId = principal.businessId!;
    const opening = toPaise(dto.openingBalance ?? '0');
    return this.dataSource.transaction(async (em) => {
      // One account per phone and business: serialise adds of the same business.
      await em.query(`SELECT 1 FROM businesses WHERE id = $1 FOR UPDATE`, [businessId]);
      const [existing] = await em.query(
        `SELECT 1 FROM customer_credits a JOIN customers c ON c.id = a.customer_id WHERE a.business_id = $1 AND c.phone = $2`,
        [businessId, dto.phone],
      );
      if (existing) throw new DomainError(ProblemCode.CustomerExists, 'You already have a customer with this phone number');
      const [customer] = await em.query(`INSERT INTO customers (name, phone) VALUES ($1, $2) RETURNING id`, [dto.name, dto.phone]);
      const [account] = await em.query(
        `INSERT INTO customer_credits (business_id, customer_id, invite_code) VALUES ($1, $2, $3) RETURNING id`,
        [businessId, customer.id, newShortCode(10)],
      );
      if (opening !== 0n) {
        const type = opening > 0n ? 'credit' : 'payment';
        const amount = (dto.openingBalance ?? '0').replace('-', '');
        await em.query(
          `INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by)
           VALUES ($1, $2, $3, $4, $5, 'Opening balance', $6)`,
          [businessId, customer.id, account.id, amount, type, principal.userId],
        );
        await em.query(`UPDATE customer_credits SET current_balance = $2 WHERE id = $1`, [account.id, dto.openingBalance]);
      }
      return this.getWith(em, principal, account.id);
    });
  }

  /**
   * A customer joins: a business's join code opens a new account; an account's invite code claims that account
   * (its ledger moves to the customer's own profile). Never by phone number alone.
   */
  async join(principal: Principal, joinCode: string, address: string): Promise<AccountDto> {
    // Guessing is what is limited: a code that matches nothing keeps its point; any other outcome gives it back.
    const attempt = await this.rateLimits.take([
      ['joinAddress', address],
      ['join', `user:${principal.userId}`],
    ]);
    try {
      const account = await this.joinWith(principal, joinCode);
      await attempt.refund();
      return account;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ProblemCode.CodeNotFound)) await attempt.refund();
      throw error;
    }
  }

  private async joinWith(principal: Principal, joinCode: string): Promise<AccountDto> {
    const customerId = principal.customerId!;
    try {
      return await this.dataSource.transaction(async (em) => {
        const [business] = await em.query(`SELECT id FROM businesses WHERE join_code = $1`, [joinCode]);
        if (business) {
          const [account] = await em.query(
            `INSERT INTO customer_credits (business_id, customer_id, claimed_at) VALUES ($1, $2, now()) RETURNING id`,
            [business.id, customerId],
          );
          return this.getWith(em, principal, account.id);
        }
        const [invited] = await em.query(`SELECT id, business_id, customer_id FROM customer_credits WHERE invite_code = $1 FOR UPDATE`, [
          joinCode,
        ]);
        if (!invited) throw new DomainError(ProblemCode.CodeNotFound, 'No business or account has this code; check it with the shop');
        const placeholder = invited.customer_id as string;
        await em.query(
          `UPDATE customer_credits SET customer_id = $2, invite_code = NULL, claimed_at = now(), updated_at = now() WHERE id = $1`,
          [invited.id, customerId],
        );
        await em.query(`UPDATE transactions SET customer_id = $2 WHERE account_id = $1`, [invited.id, customerId]);
        await em.query(`UPDATE pending_payments SET customer_id = $2 WHERE account_id = $1`, [invited.id, customerId]);
        await em.query(
          `UPDATE payment_events e SET customer_id = $2 FROM pending_payments p WHERE p.account_id = $1 AND e.payment_id = p.transaction_id`,
          [invited.id, customerId],
        );
        await em.query(`DELETE FROM customers WHERE id = $1 AND user_id IS NULL`, [placeholder]);
        return this.getWith(em, principal, invited.id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'customer_credits_business_customer')) {
        throw new DomainError(ProblemCode.AlreadyLinked, 'You already have an account with this business');
      }
      throw error;
    }
  }

  /**
   * Whose code this is, so the customer can confirm before joining. It answers guesses too, so codes that match
   * nothing are limited, but on a budget of its own (`RATE_LIMIT_JOIN_PREVIEW`): the app asks while the customer
   * types, and that must never spend the join budget.
   */
  async previewJoin(principal: Principal, joinCode: string, address: string): Promise<JoinPreviewDto> {
    const attempt = await this.rateLimits.take([
      ['joinPreviewAddress', address],
      ['joinPreview', `user:${principal.userId}`],
    ]);
    const [row] = await this.dataSource.query(
      `SELECT b.id, b.name, 'join' AS kind, NULL AS account_name,
              EXISTS (SELECT 1 FROM customer_credits a WHERE a.business_id = b.id AND a.customer_id = $2) AS already_linked
         FROM businesses b WHERE b.join_code = $1
       UNION ALL
       SELECT b.id, b.name, 'invite', c.name,
              EXISTS (SELECT 1 FROM customer_credits o WHERE o.business_id = b.id AND o.customer_id = $2)
         FROM customer_credits a JOIN businesses b ON b.id = a.business_id JOIN customers c ON c.id = a.customer_id
        WHERE a.invite_code = $1
       LIMIT 1`,
      [joinCode, principal.customerId],
    );
    if (!row) throw new DomainError(ProblemCode.CodeNotFound, 'No business or account has this code; check it with the shop');
    await attempt.refund();
    return { businessId: row.id, businessName: row.name, kind: row.kind, accountName: row.account_name, alreadyLinked: row.already_linked };
  }

  async list(principal: Principal, query: ListAccountsQuery): Promise<AccountPageDto> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const params: unknown[] = [principal.role === 'business' ? principal.businessId : principal.customerId, limit + 1];
    const where = [principal.role === 'business' ? 'a.business_id = $1' : 'a.customer_id = $1'];
    if (after) {
      params.push(after.at, after.id);
      where.push(`(a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    if (query.q && query.q.trim() !== '') {
      params.push(searchPattern(query.q.trim()));
      where.push(`(c.name ILIKE $${params.length} OR c.phone LIKE $${params.length} OR b.name ILIKE $${params.length})`);
    }
    const rows: AccountRow[] = await this.dataSource.query(
      `${ACCOUNT_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (row) => toAccountDto(row, principal.role));
  }

  get(principal: Principal, accountId: string): Promise<AccountDto> {
    return this.getWith(this.dataSource.manager, principal, accountId);
  }

  async getWith(em: EntityManager, principal: Principal, accountId: string): Promise<AccountDto> {
    const [row] = (await em.query(`${ACCOUNT_SELECT} WHERE a.id = $1 AND ${scope(principal, 'a')}`, [
      accountId,
      principal.businessId ?? principal.customerId,
    ])) as AccountRow[];
    if (!row) throw accountNotFound();
    return toAccountDto(row, principal.role);
  }
}

/** `a.business_id = $2` for a business, `a.customer_id = $2` for a customer: what makes an account theirs. */
export function scope(principal: Principal, alias: string): string {
  return principal.role === 'business' ? `${alias}.business_id = $2` : `${alias}.customer_id = $2`;
}
