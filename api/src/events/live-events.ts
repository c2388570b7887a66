import type { PaymentDto } from '../payments/dto/payment.dto';

/** The events of the live stream (and of webhooks), as the event log names them. */
export const LIVE_EVENT_TYPES = ['payment.created', 'payment.approved', 'payment.rejected', 'payment.cancelled'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/**
 * The payment as it stood just after the event `type`. A payment changes once, from pending to approved, rejected or
 * cancelled (it is only ever inserted pending), and its own fields never change otherwise: so the row as it is now
 * tells what it was at each of its events. A `payment.created` read after the decision (a replay, a webhook fanned out
 * late) is then still the pending payment the customer submitted. The names of the shop and the customer are as they
 * are now.
 */
export function paymentAtEvent(payment: PaymentDto, type: string): PaymentDto {
  if (type !== 'payment.created' || payment.status === 'pending') return payment;
  return {
    ...payment,
    status: 'pending',
    approvedAt: null,
    approvedBy: null,
    rejectedAt: null,
    rejectedBy: null,
    rejectionReason: null,
    cancelledAt: null,
  };
}

/** One server-sent event: an entry of the event log, with the payment as it stood just after it (`paymentAtEvent`). */
export interface LiveEvent {
  /** The entry's position in the event log: commit order, the SSE `id` and what `Last-Event-ID` refers to. */
  id: string;
  type: LiveEventType;
  businessId: string;
  customerId: string;
  payment: PaymentDto;
}

/** The SSE wire format of one event. */
export function toServerSentEvent(event: LiveEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payment)}\n\n`;
}
