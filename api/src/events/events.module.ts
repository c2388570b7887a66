import { Global, Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Global()
@Module({
  imports: [ApiKeysModule],
  controllers: [EventsController],
  providers: [EventsService, EventStreams],
  exports: [EventsService],
})
export class EventsModule {}
