import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CommitNudge } from './commit-nudge.interceptor';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Global()
@Module({
  controllers: [EventsController],
  providers: [EventsService, EventStreams, { provide: APP_INTERCEPTOR, useClass: CommitNudge }],
  exports: [EventsService],
})
export class EventsModule {}
