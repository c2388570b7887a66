/** The event types an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'payment.created',
  'payment.approved',
  'payment.rejected',
  'payment.cancelled',
  'transaction.created',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type of the message `POST /webhook-endpoints/{id}/test` sends. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** A fresh `webhook-id`: unique per message, the same on every attempt and replay of it. */
export function newMessageId(): string {
  return `msg_${crypto.randomUUID().replace(/-/g, '')}`;
}
