import { Injectable } from '@nestjs/common';
import type { BusinessPrincipal, CustomerPrincipal, Principal } from '../auth/principal';
import { BusinessesRepository } from '../businesses/businesses.repository';
import { newInviteCode } from '../businesses/codes';
import { isUniqueViolation } from '../database/pg-errors';
import { toPaise } from '../money/money';
import { decodeCursor, toPage } from '../pagination/pagination';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { businessTenant, tenantOf } from '../tenancy/tenant';
import { TransactionsRepository } from '../transactions/transactions.repository';
import { toAccountDto } from './account.mapper';
import { AccountMergesService } from './account-merges.service';
import { accountNotFound, codeNotFound } from './accounts.errors';
import { AccountsRepository } from './accounts.repository';
import type { AccountDto, AccountPageDto, CodeOwnerDto, CreateAccountDto, JoinPreviewDto, ListAccountsQuery } from './dto/account.dto';
import { Database } from '../database/database';

const alreadyLinked = () => new DomainError(ProblemCode.AlreadyLinked, 'You already have an account with this business');

/** Accounts: a business adds the people it sells to; customers join by code; either side reads them. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountsRepository,
    private readonly businesses: BusinessesRepository,
    private readonly ledger: TransactionsRepository,
    private readonly merges: AccountMergesService,
  ) {}

  /** A business adds someone it sells to on credit; the account gets an invite code the person can claim it with. */
  async create(owner: BusinessPrincipal, person: CreateAccountDto): Promise<AccountDto> {
    return this.db.transaction(async () => {
      const tenant = businessTenant(owner.businessId);
      // One account per phone and business: adds of the same business serialise.
      await this.businesses.lock(tenant);
      if (await this.accounts.hasPhone(tenant, person.phone)) {
        throw new DomainError(ProblemCode.CustomerExists, 'You already have a customer with this phone number');
      }
      const account = await this.accounts.createForPerson(tenant, { name: person.name, phone: person.phone, inviteCode: newInviteCode() });
      const opening = toPaise(person.openingBalance ?? '0');
      if (opening !== 0n) {
        // An opening balance is a ledger entry like any other (which moves the balance): a credit, or a payment for an advance.
        await this.ledger.record(tenant, {
          accountId: account.id,
          type: opening > 0n ? 'credit' : 'payment',
          amount: person.openingBalance!.replace('-', ''),
          notes: 'Opening balance',
          createdBy: owner.userId,
        });
      }
      return this.get(owner, account.id);
    });
  }

  /**
   * A customer joins: a business's join code opens a new account; an account's invite code claims that account
   * (its ledger moves to the customer's own profile). Never by phone number alone. If the customer already has an
   * account with that business (they joined with its join code before the shop gave them the invite code), the two
   * are merged into the invited one when they ask for it (`merge`), and refused with ALREADY_LINKED otherwise.
   */
  async join(customer: CustomerPrincipal, code: string, merge = false): Promise<AccountDto> {
    return this.db.transaction(async () => {
      const tenant = { kind: 'customer' as const, customerId: customer.customerId };
      try {
        const businessId = await this.businesses.findByJoinCode(code);
        if (businessId) return await this.get(customer, await this.accounts.open(tenant, businessId));
        const invited = await this.accounts.findByInviteCode(code);
        if (!invited) throw codeNotFound();
        const own = await this.accounts.activeWith(tenant, invited.business_id);
        if (own && !merge) {
          throw new DomainError(
            ProblemCode.AlreadyLinked,
            'You already have an account with this business; join with "merge": true to make the two one account',
            { accountId: own, canMerge: true },
          );
        }
        if (own) {
          // The invite code is the business's word that this person may take over that account: the merge is on its
          // books, and the invited account takes over the customer's login from the merged one.
          await this.merges.merge({
            tenant: businessTenant(invited.business_id),
            intoId: invited.id,
            fromId: own,
            actorId: customer.userId,
            actorRole: 'customer',
          });
        } else {
          await this.accounts.claim(tenant, invited.id);
          await this.accounts.dropOrphanPlaceholder(invited.customer_id);
        }
        return await this.get(customer, invited.id);
      } catch (error) {
        if (isUniqueViolation(error, 'customer_credits_business_customer')) throw alreadyLinked();
        throw error;
      }
    });
  }

  /**
   * The shop makes two accounts of one person one: `fromId` goes into `accountId` (see `AccountMergesService`). Used
   * when a shop added someone who had already joined by its join code, or added them twice.
   */
  async merge(owner: BusinessPrincipal, accountId: string, fromId: string): Promise<AccountDto> {
    return this.db.transaction(async () => {
      await this.merges.merge({
        tenant: businessTenant(owner.businessId),
        intoId: accountId,
        fromId,
        actorId: owner.userId,
        actorRole: 'business',
      });
      return this.get(owner, accountId);
    });
  }

  /** Whose code this is, so the customer can confirm before joining. */
  async previewJoin(customer: CustomerPrincipal, code: string): Promise<JoinPreviewDto> {
    const row = await this.accounts.previewCode({ kind: 'customer', customerId: customer.customerId }, code);
    if (!row) throw codeNotFound();
    return {
      businessId: row.business_id,
      businessName: row.business_name,
      kind: row.kind,
      accountName: row.account_name,
      alreadyLinked: row.already_linked,
      canMerge: row.kind === 'invite' && row.already_linked,
    };
  }

  /** Whose code this is, before signing in: the business's name, and whether the code opens a new account or claims one. */
  async codeOwner(code: string): Promise<CodeOwnerDto> {
    const row = await this.accounts.codeOwner(code);
    if (!row) throw codeNotFound();
    return { businessName: row.business_name, kind: row.kind };
  }

  async list(principal: Principal, query: ListAccountsQuery): Promise<AccountPageDto> {
    const limit = query.limit ?? 20;
    const sort = query.sort ?? 'recent';
    const after = decodeCursor(query.cursor, sort === 'owed' ? 'amount' : sort === 'oldestDue' ? 'timestamp-or-infinity' : 'timestamp');
    const rows = await this.accounts.list(tenantOf(principal), { limit, after, q: query.q, sort });
    return toPage(rows, limit, (row) => toAccountDto(row, principal.role));
  }

  async get(principal: Principal, accountId: string): Promise<AccountDto> {
    const row = await this.accounts.find(tenantOf(principal), accountId);
    if (!row) throw accountNotFound();
    return toAccountDto(row, principal.role);
  }
}
