import type { LedgerTransactionDto } from './dto/transaction.dto';

export const TRANSACTION_COLUMNS = `t.id, t.account_id, t.transaction_type, t.amount, t.notes, t.payment_method, t.approved_at,
  t.original_pending_id, t.created_at, t.created_by, t.created_at::text AS cursor_at`;

export interface TransactionRow {
  id: string;
  account_id: string;
  transaction_type: 'credit' | 'payment';
  amount: string;
  notes: string | null;
  payment_method: string;
  approved_at: Date | string | null;
  original_pending_id: string | null;
  created_at: Date | string;
  created_by: string;
  cursor_at: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

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
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
  };
}
