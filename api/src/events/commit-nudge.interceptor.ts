import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { EventsService } from './events.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * After every successful write request (its transaction has committed by then), nudges the event sequencer, so the
 * events it wrote go out at once, without any service having to remember to ask. Everything else (a write made
 * outside a request) is picked up by the sequencer's poll.
 */
@Injectable()
export class CommitNudge implements NestInterceptor {
  constructor(private readonly events: EventsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || READS.has(context.switchToHttp().getRequest<FastifyRequest>().method)) return next.handle();
    return next.handle().pipe(tap({ complete: () => this.events.nudge() }));
  }
}
