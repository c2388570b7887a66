import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Principal } from '../auth/principal';
import { ApiAuth } from '../openapi/api-errors';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { audienceOf, EventsService } from './events.service';
import { LiveEvent, toServerSentEvent } from './live-events';

const HEARTBEAT_MS = 15_000;

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: 'Live payment events (server-sent events)',
    description:
      'A `text/event-stream` of `payment.created`, `payment.approved`, `payment.rejected` and `payment.cancelled`, each with the ' +
      'payment (as GET /payments/{id}) as `data` and an increasing `id`. Only the business and the customer of a payment receive ' +
      'its events. Authenticate with the `Authorization` header (a fetch-based stream; never a token in the URL). Reconnect ' +
      'with `Last-Event-ID` to receive what was missed. The stream ends when the access token expires; reconnect with a fresh one.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received',
    schema: { type: 'string', pattern: '^[0-9]{1,19}$' },
  })
  @ApiOkResponse({
    description: 'The event stream',
    content: {
      'text/event-stream': {
        schema: { type: 'string', example: 'id: 42\nevent: payment.approved\ndata: {"id":"...","status":"approved"}\n\n' },
      },
    },
  })
  @ApiAuth()
  async streamEvents(
    @CurrentUser() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (lastEventId !== undefined && !/^\d{1,19}$/.test(lastEventId)) {
      throw new DomainError(ProblemCode.ValidationFailed, 'Last-Event-ID must be the id of an event', {
        errors: [{ field: 'Last-Event-ID', message: 'must be the id of an event' }],
      });
    }
    // Subscribe before replaying, so nothing falls between the two; replayed ids are not sent twice.
    const buffered: LiveEvent[] = [];
    let live = false;
    let sentUpTo = BigInt(lastEventId ?? 0);
    const raw = reply.raw;
    const send = (event: LiveEvent) => {
      if (BigInt(event.id) <= sentUpTo) return;
      sentUpTo = BigInt(event.id);
      raw.write(toServerSentEvent(event));
    };
    const unsubscribe = this.events.subscribe(audienceOf(principal), (event) => (live ? send(event) : buffered.push(event)));
    const missed = lastEventId !== undefined ? await this.events.replay(principal, lastEventId) : [];

    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    missed.forEach(send);
    buffered.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).forEach(send);
    live = true;

    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    const expiry = principal.tokenExpiresAt ? setTimeout(() => raw.end(), Math.max(0, principal.tokenExpiresAt - Date.now())) : undefined;
    const close = () => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
    };
    request.raw.on('close', close);
    raw.on('close', close);
  }
}
