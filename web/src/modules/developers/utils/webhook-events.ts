import { CreateWebhookEndpointDtoSchema, type WebhookEndpointDto } from '@khata/client';

export type WebhookEventType = WebhookEndpointDto['events'][number];

/** The event types, from the contract (so a new one shows up by itself). */
export const WEBHOOK_EVENTS = CreateWebhookEndpointDtoSchema.properties.events.items.enum as readonly WebhookEventType[];

/** What each event means, in the shopkeeper's words. */
export const EVENT_LABEL: Record<WebhookEventType, string> = {
  'payment.created': 'A customer claims a payment',
  'payment.approved': 'You approve a claim',
  'payment.rejected': 'You reject a claim',
  'payment.cancelled': 'A customer cancels a claim',
  'transaction.created': 'A ledger entry is recorded',
};
