import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queue-names';
import { ScoringProducer } from './scoring.producer';
import { ScoringRepository } from './scoring.repository';

/**
 * The scoring queue, its producer and the repository it records jobs in, without any processor:
 * safe to import into the API.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.scoring })],
  providers: [ScoringRepository, ScoringProducer],
  exports: [ScoringRepository, ScoringProducer],
})
export class ScoringModule {}
