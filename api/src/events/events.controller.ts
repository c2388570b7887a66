import { Scopes } from '../api-keys/scopes';
import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Principal } from '../auth/principal';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { EventStreams, MAX_STREAMS_PER_USER } from './event-streams';

/** Positions are PostgreSQL bigints. */
const MAX_POSITION = 2n ** 63n - 1n;

/** The `Last-Event-ID` header as a position, or null when absent; anything else is a 400. */
export function parseLastEventId(header: string | undefined): bigint | null {
  if (header === undefined) return null;
  if (/^\d{1,19}$/.test(header) && BigInt(header) <= MAX_POSITION) return BigInt(header);
  throw new DomainError(ProblemCode.ValidationFailed, `Last-Event-ID must be the id of an event (0 to ${MAX_POSITION})`, {
    errors: [{ field: 'Last-Event-ID', message: `must be a whole number from 0 to ${MAX_POSITION}` }],
  });
}

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly streams: EventStreams) {}

  @Get()
  @ApiOperation({
    summary: 'Live payment events (server-sent events)',
    description:
      'A `text/event-stream` of `payment.created`, `payment.approved`, `payment.rejected` and `payment.cancelled`, each with the ' +
      'payment as it stood just after the event (as GET /payments/{id} showed it then: a `payment.created` replayed after the decision shows it pending) as `data`. Only the business and the customer of a payment receive its events. ' +
      'Authenticate with the `Authorization` header (a fetch-based stream; never a token in the URL), or with an API key with ' +
      "`payments:read` (`X-Api-Key`): a business's events; the stream ends within a second of the key's revocation, and " +
      "after an access token's lifetime at the latest.\n\n" +
      "An event's `id` is its position in the event log: commit order, increasing, the same on every API process. Every " +
      "committed event is delivered once, in that order, each payment's events in the order they happened. Reconnect with " +
      '`Last-Event-ID` (the last `id` received) to receive everything after it first, then the live events; nothing is missed. ' +
      'A stream opened without `Last-Event-ID` starts with an `id:` line of its own starting position, so a client that ' +
      'reconnects before any event arrived can resume from there. `Last-Event-ID: 0` replays everything.\n\n' +
      `A user, and each API key apart, may have at most ${MAX_STREAMS_PER_USER} streams open at once (per API process): one more is refused with 429 ` +
      '`RATE_LIMITED` and `Retry-After`; no open stream is closed for it. A heartbeat comment arrives every 15 s. The stream ' +
      'ends when the access token expires (reconnect with a fresh one and `Last-Event-ID`), and when a client reads too slowly ' +
      'to keep up (reconnect the same way).',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: `The \`id\` of the last event received: a whole number from 0 to ${MAX_POSITION}`,
    schema: { type: 'string', pattern: '^[0-9]{1,19}$', maxLength: 19 },
  })
  @ApiOkResponse({
    description:
      'The event stream: frames of `id:`, `event:` and `data:` lines, each frame one `PaymentEvent` (its `data` the payment as JSON), ' +
      'and `:` heartbeat comments',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description: 'Frames separated by a blank line; the fields of each are a `PaymentEvent`',
          example: 'id: 42\nevent: payment.approved\ndata: {"id":"3f0c6a52-9d2b-4e8f-a1c7-5b6d4e3f2a10","status":"approved",...}\n\n',
        },
      },
    },
  })
  @ApiAuth()
  // One stream more than MAX_STREAMS_PER_USER is a 429.
  @Problems(ProblemCode.RateLimited)
  @Scopes('payments:read')
  async streamEvents(
    @CurrentUser() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.serve(principal, parseLastEventId(lastEventId), request, reply);
  }
}
