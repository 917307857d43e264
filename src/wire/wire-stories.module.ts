import { Module } from '@nestjs/common';
import { EventsRepository } from '../events/events.repository';
import { ScoringModule } from '../scoring/scoring.module';
import { WireStoriesRepository } from './wire-stories.repository';
import { WireStoriesService } from './wire-stories.service';

@Module({
  imports: [ScoringModule],
  providers: [EventsRepository, WireStoriesRepository, WireStoriesService],
  exports: [WireStoriesService],
})
export class WireStoriesModule {}
