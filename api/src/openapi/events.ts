import type { PathItemObject, SchemaObject } from '@nestjs/swagger';
import { LIVE_EVENT_TYPES } from '../events/live-events';
import { TEST_EVENT_TYPE } from '../webhooks/webhook-events';

const PAYMENT = { $ref: '#/components/schemas/PaymentDto' };

/** One kind of webhook body: its `type`, when it happened, and its `data`. */
const webhookEvent = (type: Record<string, unknown>, data: Record<string, unknown>): SchemaObject => ({
  type: 'object',
  required: ['type', 'timestamp', 'data'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', ...type } as SchemaObject,
    timestamp: { type: 'string', format: 'date-time', description: 'When the event happened (commit time)' },
    data: data as SchemaObject,
  },
});

/**
 * The typed events: `PaymentEvent` is one frame of the live stream (`GET /events`), `WebhookEvent` the body of a
 * webhook delivery (Standard Webhooks: `{type, timestamp, data}`): the payment events (LIVE_EVENT_TYPES), and for
 * webhooks also `transaction.created` and the test message (webhook-events.ts), each variant with its `data`.
 */
export function eventSchemas(): Record<string, SchemaObject> {
  return {
    EventType: {
      type: 'string',
      enum: [...LIVE_EVENT_TYPES],
      description: 'What happened to the payment. The list may grow within v1 (ignore types you do not know).',
    },
    PaymentEvent: {
      type: 'object',
      description:
        'One frame of the `text/event-stream` of GET /events: its `id:` line, `event:` line and `data:` line (the payment as ' +
        'it is now, as JSON, as GET /payments/{paymentId} answers). A frame of only `id:` (at the start of a stream opened ' +
        'without `Last-Event-ID`) carries no event: it gives the starting position.',
      required: ['id', 'event', 'data'],
      properties: {
        id: {
          type: 'string',
          pattern: '^[0-9]{1,19}$',
          maxLength: 19,
          description: "The event's position in the event log (commit order); send it back as `Last-Event-ID`",
          examples: ['42'],
        },
        event: { $ref: '#/components/schemas/EventType' },
        data: PAYMENT,
      },
    } as SchemaObject,
    WebhookEvent: {
      description:
        'The body of a webhook delivery (Standard Webhooks: `{type, timestamp, data}`); `type` says what `data` is: the ' +
        'payment as it stood just after the event (a `payment.created` shows it pending, however late it is sent), the ledger entry, or the test message of `POST /webhook-endpoints/{endpointId}/test`. The ' +
        'headers `webhook-id` (the same on every retry of one delivery), `webhook-timestamp` and `webhook-signature` ' +
        '(`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`) sign it.',
      oneOf: [
        webhookEvent({ enum: [...LIVE_EVENT_TYPES] }, PAYMENT),
        webhookEvent({ const: 'transaction.created' }, { $ref: '#/components/schemas/LedgerTransactionDto' }),
        webhookEvent(
          { const: TEST_EVENT_TYPE },
          {
            type: 'object',
            required: ['endpointId', 'message'],
            additionalProperties: false,
            properties: {
              endpointId: { type: 'string', format: 'uuid', description: 'The endpoint tested' },
              message: { type: 'string', maxLength: 200, description: 'A line saying it is a test' },
            },
          },
        ),
      ],
    } as SchemaObject,
  };
}

const WEBHOOK_HEADER = (description: string, schema: SchemaObject) => ({ name: '', in: 'header', required: true, description, schema });

/**
 * What the API sends to a business's webhook endpoint (OpenAPI 3.1 `webhooks`): one POST per event, answered by
 * any 2xx; 410 disables the endpoint; anything else is retried.
 */
export const WEBHOOKS: Record<string, PathItemObject> = {
  paymentEvent: {
    post: {
      operationId: 'receivePaymentEvent',
      summary: 'An event delivered to your endpoint (a payment event or a ledger entry)',
      description:
        'Sent at least once, in order per payment (ledger entries: per account), retried with backoff for about three days until a 2xx. Verify the signature ' +
        '(e.g. with the `standardwebhooks` library and your `whsec_` secret) and deduplicate on `webhook-id`.',
      tags: ['events'],
      security: [],
      parameters: [
        {
          ...WEBHOOK_HEADER('Unique per delivery; the same on its retries', { type: 'string', maxLength: 64, examples: ['msg_2b7c1e'] }),
          name: 'webhook-id',
        },
        {
          ...WEBHOOK_HEADER('Unix seconds when it was signed', {
            type: 'string',
            pattern: '^[0-9]{1,12}$',
            maxLength: 12,
            examples: ['1796025600'],
          }),
          name: 'webhook-timestamp',
        },
        {
          ...WEBHOOK_HEADER('Space-separated signatures, `v1,<base64>` each (two during a secret rotation)', {
            type: 'string',
            maxLength: 1024,
            examples: ['v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='],
          }),
          name: 'webhook-signature',
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            // The example is made from the schema's (addResponseExamples).
            schema: { $ref: '#/components/schemas/WebhookEvent' },
          },
        },
      },
      responses: {
        '200': { description: 'Received (any 2xx)' },
        '410': { description: 'Gone: the endpoint is disabled and receives nothing more' },
      },
    },
  } as PathItemObject,
};
