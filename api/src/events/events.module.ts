import { Global, Module } from '@nestjs/common';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Global()
@Module({
  controllers: [EventsController],
  providers: [EventsService, EventStreams],
  exports: [EventsService],
})
export class EventsModule {}
