import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsQueryService } from './events-query.service';
import { EventsRepository } from './events.repository';

/** The events read routes of the API. */
@Module({
  controllers: [EventsController],
  providers: [EventsRepository, EventsQueryService],
})
export class EventsApiModule {}
