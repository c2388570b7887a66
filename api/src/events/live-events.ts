import type { PaymentDto } from '../payments/dto/payment.dto';

/** The events of the live stream (and of webhooks), as the event log names them. */
export const LIVE_EVENT_TYPES = ['payment.created', 'payment.approved', 'payment.rejected', 'payment.cancelled'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** One server-sent event: an entry of the event log, with the payment as it is now. */
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
