import type { Principal } from '../auth/principal';
import { iso } from '../database/rows';
import type { AccountRow } from './accounts.repository';
import type { AccountDto } from './dto/account.dto';

/** The invite code is the business's to share: a customer never sees it. */
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
    pendingTotal: row.pending_total,
    dueSince: iso(row.due_since),
    createdAt: iso(row.created_at),
  };
}
