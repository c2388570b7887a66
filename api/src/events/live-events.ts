import type { PaymentDto } from '../payments/dto/payment.dto';

export type LiveEventType = 'payment.created' | 'payment.approved' | 'payment.rejected' | 'payment.cancelled';

/** One server-sent event: an audit event of a payment, with the payment as it is now. */
export interface LiveEvent {
  /** The audit event's id: increasing, the SSE `id` and what `Last-Event-ID` refers to. */
  id: string;
  type: LiveEventType;
  businessId: string;
  customerId: string;
  payment: PaymentDto;
}

export const EVENT_TYPES: Record<string, LiveEventType> = {
  submitted: 'payment.created',
  approved: 'payment.approved',
  rejected: 'payment.rejected',
  cancelled: 'payment.cancelled',
};

/** The SSE wire format of one event. */
export function toServerSentEvent(event: LiveEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payment)}\n\n`;
}
