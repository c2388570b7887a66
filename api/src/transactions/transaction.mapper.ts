import { iso } from '../database/rows';
import type { LedgerTransactionDto } from './dto/transaction.dto';
import type { TransactionRow } from './transactions.repository';

export function toTransactionDto(row: TransactionRow): LedgerTransactionDto {
  return {
    id: row.id,
    accountId: row.account_id,
    type: row.transaction_type,
    amount: row.amount,
    notes: row.notes,
    paymentMethod: row.payment_method,
    approvedAt: iso(row.approved_at),
    originalPendingId: row.original_pending_id,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    entryNo: row.entry_no,
    balanceAfter: row.balance_after,
    correctsEntryId: row.corrects_entry_id,
    correctedBy: row.corrected_by,
  };
}
