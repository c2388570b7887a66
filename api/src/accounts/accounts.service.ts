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
        `SELECT 1 FROM customer_credits a JOIN customers c ON c.id = a.customer_id
          WHERE a.business_id = $1 AND c.phone = $2 AND a.merged_into IS NULL`,
        [businessId, dto.phone],
      );
      if (existing) throw new DomainError(ProblemCode.CustomerExists, 'You already have a customer with this phone number');
      const [customer] = await em.query(`INSERT INTO customers (name, phone) VALUES ($1, $2) RETURNING id`, [dto.name, dto.phone]);
      const [account] = await em.query(
        `INSERT INTO customer_credits (business_id, customer_id, invite_code) VALUES ($1, $2, $3) RETURNING id`,
        [businessId, customer.id, newShortCode(10)],
      );
      if (opening !== 0n) {
        // The entry moves the balance (the database does it, as for every entry).
        const type = opening > 0n ? 'credit' : 'payment';
        const amount = (dto.openingBalance ?? '0').replace('-', '');
        await em.query(
          `INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by)
           VALUES ($1, $2, $3, $4, $5, 'Opening balance', $6)`,
          [businessId, customer.id, account.id, amount, type, principal.userId],
        );
      }
      return this.getWith(em, principal, account.id);
    });
  }

  /**
   * A customer joins: a business's join code opens a new account; an account's invite code claims that account
   * (its ledger moves to the customer's own profile). Never by phone number alone. If the customer already has an
   * account with that business (they joined with its join code before the shop gave them the invite code), the two
   * are merged into the invited one when they ask for it (`merge`), and refused with ALREADY_LINKED otherwise.
   */
  async join(principal: Principal, joinCode: string, address: string, merge = false): Promise<AccountDto> {
    // Guessing is what is limited: a code that matches nothing keeps its point; any other outcome gives it back.
    const attempt = await this.rateLimits.take([
      ['joinAddress', address],
      ['join', `user:${principal.userId}`],
    ]);
    try {
      const account = await this.joinWith(principal, joinCode, merge);
      await attempt.refund();
      return account;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ProblemCode.CodeNotFound)) await attempt.refund();
      throw error;
    }
  }

  private async joinWith(principal: Principal, joinCode: string, merge: boolean): Promise<AccountDto> {
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
        const [own] = await em.query(
          `SELECT id FROM customer_credits WHERE business_id = $1 AND customer_id = $2 AND merged_into IS NULL`,
          [invited.business_id, customerId],
        );
        if (own && !merge) {
          throw new DomainError(
            ProblemCode.AlreadyLinked,
            'You already have an account with this business; join with "merge": true to make the two one account',
            { accountId: own.id, canMerge: true },
          );
        }
        if (own) {
          await this.mergeAccounts(em, {
            businessId: invited.business_id,
            intoId: invited.id,
            fromId: own.id,
            actorId: principal.userId,
            actorRole: 'customer',
          });
        } else {
          await this.claim(em, invited.id, invited.customer_id, customerId);
        }
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
   * The shop makes two accounts of one person one: `fromId` goes into `accountId` (see `mergeAccounts`). Used when
   * a shop added someone who had already joined by its join code, or added them twice.
   */
  async merge(principal: Principal, accountId: string, fromId: string): Promise<AccountDto> {
    return this.dataSource.transaction(async (em) => {
      await this.mergeAccounts(em, {
        businessId: principal.businessId!,
        intoId: accountId,
        fromId,
        actorId: principal.userId,
        actorRole: 'business',
      });
      return this.getWith(em, principal, accountId);
    });
  }

  /**
   * Merges account `fromId` into `intoId`, both of one business, in the caller's transaction. Nothing is edited or
   * deleted: a pair of ledger entries (method `merge`) moves the balance over, `from` is closed at zero pointing to
   * `into` (its history stays readable), and `account_merges` records who did it. If only `from` has a customer
   * login, `into` takes it over. Refused: the same account, a closed one, two different logins, and an account with
   * claims still waiting for a decision (decide them first).
   */
  private async mergeAccounts(
    em: EntityManager,
    merge: { businessId: string; intoId: string; fromId: string; actorId: string; actorRole: 'business' | 'customer' },
  ): Promise<void> {
    const accounts: { id: string; customer_id: string; current_balance: string; claimed: boolean; merged_into: string | null }[] =
      await em.query(
        `SELECT id, customer_id, current_balance, claimed_at IS NOT NULL AS claimed, merged_into
           FROM customer_credits WHERE id = ANY($1::uuid[]) AND business_id = $2
          ORDER BY id FOR UPDATE`,
        [[merge.intoId, merge.fromId], merge.businessId],
      );
    const into = accounts.find((a) => a.id === merge.intoId);
    const from = accounts.find((a) => a.id === merge.fromId);
    if (!into || !from) throw accountNotFound();
    const notMergeable = (why: string) => new DomainError(ProblemCode.AccountsNotMergeable, why);
    if (into.id === from.id) throw notMergeable('An account cannot be merged into itself');
    if (into.merged_into || from.merged_into) throw notMergeable('One of the accounts was already merged into another');
    if (into.claimed && from.claimed) throw notMergeable('Both accounts belong to customers with their own logins: they are two people');
    const [{ pending }] = await em.query(
      `SELECT count(*)::int AS pending FROM pending_payments WHERE account_id = $1 AND business_id = $2 AND status = 'pending'`,
      [from.id, merge.businessId],
    );
    if (pending > 0) {
      throw new DomainError(
        ProblemCode.AccountHasPendingClaims,
        `The account to merge has ${pending} claim(s) waiting for a decision; approve or reject them first`,
      );
    }

    const balance = toPaise(from.current_balance);
    if (balance !== 0n) {
      const amount = from.current_balance.replace('-', '');
      const [closing, opening] = balance > 0n ? ['payment', 'credit'] : ['credit', 'payment'];
      await em.query(
        `INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, notes, created_by, payment_method)
         VALUES ($1, $2, $3, $4, $5, 'Balance moved to the account this one was merged into', $6, 'merge'),
                ($1, $7, $8, $4, $9, 'Balance brought over from a merged account', $6, 'merge')`,
        [merge.businessId, from.customer_id, from.id, amount, closing, merge.actorId, into.customer_id, into.id, opening],
      );
    }
    await em.query(
      `UPDATE customer_credits SET merged_into = $2, merged_at = now(), invite_code = NULL, updated_at = now() WHERE id = $1`,
      [from.id, into.id],
    );
    if (from.claimed && !into.claimed) await this.claim(em, into.id, into.customer_id, from.customer_id);
    await em.query(
      `INSERT INTO account_merges (business_id, into_account_id, from_account_id, moved_balance, actor_id, actor_role)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [merge.businessId, into.id, from.id, from.current_balance, merge.actorId, merge.actorRole],
    );
  }

  /**
   * A person's own customer takes over an account the shop made for them. Its entries, claims and audit events
   * follow (the foreign keys cascade the new customer_id), and the shop's placeholder customer goes.
   */
  private async claim(em: EntityManager, accountId: string, placeholder: string, customerId: string): Promise<void> {
    await em.query(
      `UPDATE customer_credits SET customer_id = $2, invite_code = NULL, claimed_at = now(), updated_at = now() WHERE id = $1`,
      [accountId, customerId],
    );
    await em.query(
      `DELETE FROM customers c WHERE c.id = $1 AND c.user_id IS NULL AND NOT EXISTS (SELECT 1 FROM customer_credits a WHERE a.customer_id = c.id)`,
      [placeholder],
    );
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
              EXISTS (SELECT 1 FROM customer_credits a WHERE a.business_id = b.id AND a.customer_id = $2 AND a.merged_into IS NULL) AS already_linked
         FROM businesses b WHERE b.join_code = $1
       UNION ALL
       SELECT b.id, b.name, 'invite', c.name,
              EXISTS (SELECT 1 FROM customer_credits o WHERE o.business_id = b.id AND o.customer_id = $2 AND o.merged_into IS NULL)
         FROM customer_credits a JOIN businesses b ON b.id = a.business_id JOIN customers c ON c.id = a.customer_id
        WHERE a.invite_code = $1
       LIMIT 1`,
      [joinCode, principal.customerId],
    );
    if (!row) throw new DomainError(ProblemCode.CodeNotFound, 'No business or account has this code; check it with the shop');
    await attempt.refund();
    return {
      businessId: row.id,
      businessName: row.name,
      kind: row.kind,
      accountName: row.account_name,
      alreadyLinked: row.already_linked,
      canMerge: row.kind === 'invite' && row.already_linked,
    };
  }

  async list(principal: Principal, query: ListAccountsQuery): Promise<AccountPageDto> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const params: unknown[] = [principal.role === 'business' ? principal.businessId : principal.customerId, limit + 1];
    // Merged accounts are closed: reachable by id (their history), not listed.
    const where = [principal.role === 'business' ? 'a.business_id = $1' : 'a.customer_id = $1', 'a.merged_into IS NULL'];
    if (after) {
      params.push(after.at, after.id);
      where.push(`(a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    if (query.q && query.q.trim() !== '') {
      // Each side searches the other party: a shop its customers, a customer its shops (never the caller's own name).
      params.push(searchPattern(query.q.trim()));
      const n = params.length;
      where.push(principal.role === 'business' ? `(c.name ILIKE $${n} OR c.phone LIKE $${n})` : `b.name ILIKE $${n}`);
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
