import { Module } from '@nestjs/common';
import { WireStoriesRepository } from './wire-stories.repository';
import { WireStoriesService } from './wire-stories.service';

@Module({
  providers: [WireStoriesRepository, WireStoriesService],
  exports: [WireStoriesService],
})
export class WireStoriesModule {}
