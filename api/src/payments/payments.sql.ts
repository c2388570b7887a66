import type { PaymentDto } from './dto/payment.dto';
import type { PaymentStatus } from './entities/pending-payment.entity';

/** The columns of a payment as the API shows it; `p` is pending_payments, `b` businesses, `c` customers. */
export const PAYMENT_COLUMNS = `p.transaction_id AS id, p.business_id, b.name AS business_name, p.customer_id,
  c.name AS customer_name, c.phone AS customer_phone, p.account_id, p.amount, p.payment_method, p.notes, p.utr,
  p.status, p.created_at, p.approved_at, p.approved_by, p.rejected_at, p.rejected_by, p.rejection_reason,
  p.cancelled_at, p.created_at::text AS cursor_at`;

export const PAYMENT_JOINS = `JOIN businesses b ON b.id = p.business_id JOIN customers c ON c.id = p.customer_id`;

export interface PaymentRow {
  id: string;
  business_id: string;
  business_name: string;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  account_id: string;
  amount: string;
  payment_method: string;
  notes: string | null;
  utr: string | null;
  status: PaymentStatus;
  created_at: Date | string;
  approved_at: Date | string | null;
  approved_by: string | null;
  rejected_at: Date | string | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  cancelled_at: Date | string | null;
  cursor_at: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

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
    createdAt: iso(row.created_at)!,
    approvedAt: iso(row.approved_at),
    approvedBy: row.approved_by,
    rejectedAt: iso(row.rejected_at),
    rejectedBy: row.rejected_by,
    rejectionReason: row.rejection_reason,
    cancelledAt: iso(row.cancelled_at),
  };
}
