import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queue-names';
import { ScoringProducer } from './scoring.producer';

/** The scoring queue and its producer, without any processor: safe to import into the API. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.scoring })],
  providers: [ScoringProducer],
  exports: [ScoringProducer],
})
export class ScoringModule {}
