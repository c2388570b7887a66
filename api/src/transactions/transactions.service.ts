import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService, accountNotFound, scope } from '../accounts/accounts.service';
import type { Principal } from '../auth/principal';
import { IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { decodeCursor, PageQuery, toPage } from '../pagination/pagination';
import type { LedgerPageDto, RecordedTransactionDto, RecordTransactionDto } from './dto/transaction.dto';
import { TRANSACTION_COLUMNS, TransactionRow, toTransactionDto } from './transactions.sql';

@Injectable()
export class TransactionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The business records goods on credit or cash received: one ledger entry and the balance, together. */
  record(
    principal: Principal,
    accountId: string,
    dto: RecordTransactionDto,
    idempotencyKey: string | null,
    fingerprint: string,
  ): Promise<IdempotentResult<RecordedTransactionDto>> {
    return this.idempotency.run(principal.userId, idempotencyKey, fingerprint, 201, async (em) => {
      const [account] = await em.query(`SELECT customer_id FROM customer_credits WHERE id = $1 AND business_id = $2`, [
        accountId,
        principal.businessId,
      ]);
      if (!account) throw accountNotFound();
      // Inserting the entry moves the balance, under the account's row lock (a database trigger).
      const [row] = (await em.query(
        `INSERT INTO transactions AS t (business_id, customer_id, account_id, amount, transaction_type, notes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${TRANSACTION_COLUMNS}`,
        [principal.businessId, account.customer_id, accountId, dto.amount, dto.type, dto.notes || null, principal.userId],
      )) as TransactionRow[];
      return { transaction: toTransactionDto(row), account: await this.accounts.getWith(em, principal, accountId) };
    });
  }

  /** Newest first. Both the business and the customer of the account may read it. */
  async ledger(principal: Principal, accountId: string, query: PageQuery): Promise<LedgerPageDto> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const [account] = await this.dataSource.query(
      `SELECT a.business_id FROM customer_credits a WHERE a.id = $1 AND ${scope(principal, 'a')}`,
      [accountId, principal.businessId ?? principal.customerId],
    );
    if (!account) throw accountNotFound();
    const params: unknown[] = [account.business_id, accountId, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = `AND (t.created_at, t.id) < ($4::timestamptz, $5::uuid)`;
    }
    const rows: TransactionRow[] = await this.dataSource.query(
      `SELECT ${TRANSACTION_COLUMNS} FROM transactions t
        WHERE t.business_id = $1 AND t.account_id = $2 ${keyset}
        ORDER BY t.created_at DESC, t.id DESC LIMIT $3`,
      params,
    );
    return toPage(rows, limit, toTransactionDto);
  }
}
