import { Injectable } from '@nestjs/common';
import { toAccountDto } from '../accounts/account.mapper';
import { accountNotFound } from '../accounts/accounts.errors';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { BusinessPrincipal, Principal } from '../auth/principal';
import { decodeCursor, PageQuery, toPage } from '../pagination/pagination';
import { businessTenant, tenantOf } from '../tenancy/tenant';
import type { LedgerPageDto, RecordedTransactionDto, RecordTransactionDto } from './dto/transaction.dto';
import { toTransactionDto } from './transaction.mapper';
import { TransactionsRepository } from './transactions.repository';
import { Database } from '../database/database';

/** The ledger: entries the business records, and reading an account's entries. */
@Injectable()
export class TransactionsService {
  constructor(
    private readonly db: Database,
    private readonly entries: TransactionsRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  /** Goods on credit or cash received: one ledger entry, which moves the balance with it. */
  async record(owner: BusinessPrincipal, accountId: string, entry: RecordTransactionDto): Promise<RecordedTransactionDto> {
    return this.db.transaction(async () => {
      const tenant = businessTenant(owner.businessId);
      const row = await this.entries.record(tenant, {
        accountId,
        type: entry.type,
        amount: entry.amount,
        notes: entry.notes || null,
        createdBy: owner.userId,
      });
      if (!row) throw accountNotFound();
      const account = await this.accounts.find(tenant, accountId);
      return { transaction: toTransactionDto(row), account: toAccountDto(account!, 'business') };
    });
  }

  /** Newest first. Both the business and the customer of the account may read it. */
  async ledger(principal: Principal, accountId: string, query: PageQuery): Promise<LedgerPageDto> {
    const tenant = tenantOf(principal);
    if (!(await this.accounts.find(tenant, accountId))) throw accountNotFound();
    const limit = query.limit ?? 20;
    const rows = await this.entries.list(tenant, accountId, { limit, after: decodeCursor(query.cursor) });
    return toPage(rows, limit, toTransactionDto);
  }
}
