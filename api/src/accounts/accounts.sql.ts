import type { Principal } from '../auth/principal';
import type { AccountDto } from './dto/account.dto';

/** One account with the names a screen shows. Scoped by the caller in the WHERE clause of each query. */
export const ACCOUNT_SELECT = `
  SELECT a.id, a.business_id, b.name AS business_name, b.upi_id AS business_upi_id,
         a.customer_id, c.name AS customer_name, c.phone AS customer_phone,
         a.current_balance, a.invite_code, a.claimed_at IS NOT NULL AS claimed, a.merged_into,
         a.created_at, a.created_at::text AS cursor_at
    FROM customer_credits a
    JOIN businesses b ON b.id = a.business_id
    JOIN customers c ON c.id = a.customer_id`;

export interface AccountRow {
  id: string;
  business_id: string;
  business_name: string;
  business_upi_id: string;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  current_balance: string;
  invite_code: string | null;
  claimed: boolean;
  merged_into: string | null;
  created_at: Date;
  cursor_at: string;
}

export function toAccountDto(row: AccountRow, viewer: Principal['role']): AccountDto {
  return {
    id: row.id,
    businessId: row.business_id,
    businessName: row.business_name,
    businessUpiId: row.business_upi_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerPhone: row.customer_phone,
    currentBalance: row.current_balance,
    inviteCode: viewer === 'business' ? row.invite_code : null,
    claimed: row.claimed,
    mergedInto: row.merged_into,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * A search box's text as a literal ILIKE pattern. A number is searched as its digits, so "98765 43210",
 * "+91 98765 43210" and "098765 43210" all find "+919876543210" (and spaced UTRs find theirs).
 */
export function searchPattern(q: string): string {
  const compact = q.replace(/[\s-]/g, '');
  const text = /^\+?\d+$/.test(compact) ? compact.replace(/^(\+?91|0)(?=\d{10}$)/, '') : q;
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
