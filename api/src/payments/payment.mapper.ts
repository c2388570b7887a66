import { iso } from '../database/rows';
import type { PaymentDto, PaymentEventDto } from './dto/payment.dto';
import type { PaymentEventRow, PaymentRow } from './payments.repository';

export function toPaymentDto(row: PaymentRow): PaymentDto {
  return {
    id: row.id,
    businessId: row.business_id,
    businessName: row.business_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerPhone: row.customer_phone,
    accountId: row.account_id,
    amount: row.amount,
    paymentMethod: row.payment_method,
    notes: row.notes,
    utr: row.utr,
    status: row.status,
    createdAt: iso(row.created_at),
    approvedAt: iso(row.approved_at),
    approvedBy: row.approved_by,
    rejectedAt: iso(row.rejected_at),
    rejectedBy: row.rejected_by,
    rejectionReason: row.rejection_reason,
    cancelledAt: iso(row.cancelled_at),
  };
}

export function toPaymentEventDto(row: PaymentEventRow): PaymentEventDto {
  return {
    type: row.type,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    reason: row.reason,
    at: iso(row.at),
  };
}
