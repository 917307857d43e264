import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queue-names';
import { SourcesProducer } from './sources.producer';

/** The sources queue and its producer, without any processor: safe to import into the API. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.sources })],
  providers: [SourcesProducer],
  exports: [SourcesProducer],
})
export class SourcesModule {}
