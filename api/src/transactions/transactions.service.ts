import { Injectable } from '@nestjs/common';
import { toAccountDto } from '../accounts/account.mapper';
import { accountNotFound } from '../accounts/accounts.errors';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { BusinessPrincipal, Principal } from '../auth/principal';
import { decodeCursor, PageQuery, toPage } from '../pagination/pagination';
import { businessTenant, tenantOf } from '../tenancy/tenant';
import type { CorrectEntryDto, LedgerPageDto, RecordedTransactionDto, RecordTransactionDto } from './dto/transaction.dto';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { formatPaise, toPaise } from '../money/money';
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

  /**
   * A wrong entry is corrected by a further entry, never edited: the difference between what it says and what it
   * should have said, linked to it (`correctsEntryId`), once. Entries of approved claims (reverse the claim instead),
   * of merges and corrections themselves are not corrected here.
   */
  async correct(
    owner: BusinessPrincipal,
    accountId: string,
    entryId: string,
    correction: CorrectEntryDto,
  ): Promise<RecordedTransactionDto> {
    return this.db.transaction(async () => {
      const tenant = businessTenant(owner.businessId);
      const entry = await this.entries.findForUpdate(tenant, accountId, entryId);
      if (!entry) throw new DomainError(ProblemCode.EntryNotFound, 'No such entry in this account among yours');
      if (entry.payment_method !== 'manual' || entry.corrects_entry_id) {
        throw new DomainError(
          ProblemCode.EntryNotCorrectable,
          entry.original_pending_id
            ? 'This entry is an approved claim: it is not corrected by hand'
            : 'Only entries recorded by hand can be corrected, and a correction is not corrected again',
        );
      }
      if (entry.corrected_by) throw new DomainError(ProblemCode.EntryAlreadyCorrected, 'This entry was corrected already');
      const difference = toPaise(correction.correctAmount) - toPaise(entry.amount);
      if (difference === 0n) {
        throw new DomainError(ProblemCode.ValidationFailed, 'correctAmount is what the entry already says', {
          errors: [{ field: 'correctAmount', message: 'correctAmount must differ from the amount of the entry' }],
        });
      }
      // More than recorded: more of the same kind; less: the other kind, for the difference.
      const sameKind = difference > 0n;
      const opposite = entry.transaction_type === 'credit' ? 'payment' : 'credit';
      const row = await this.entries.record(tenant, {
        accountId,
        type: sameKind ? entry.transaction_type : opposite,
        amount: formatPaise(sameKind ? difference : -difference),
        notes: correction.notes || `Correction: ${entry.amount} should have been ${correction.correctAmount}`,
        createdBy: owner.userId,
        correctsEntryId: entry.id,
      });
      const account = await this.accounts.find(tenant, accountId);
      return { transaction: toTransactionDto(row!), account: toAccountDto(account!, 'business') };
    });
  }

  /** Newest first. Both the business and the customer of the account may read it. */
  async ledger(principal: Principal, accountId: string, query: PageQuery): Promise<LedgerPageDto> {
    const tenant = tenantOf(principal);
    if (!(await this.accounts.find(tenant, accountId))) throw accountNotFound();
    const limit = query.limit ?? 20;
    const rows = await this.entries.list(tenant, accountId, { limit, after: decodeCursor(query.cursor, 'count') });
    return toPage(rows, limit, toTransactionDto);
  }
}
