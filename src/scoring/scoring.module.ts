import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { QUEUES } from '../queue/queue-names';
import { ScoringProducer } from './scoring.producer';
import { ScoringRepository } from './scoring.repository';

/**
 * The scoring queue, its producer and the store of paragraphs and framing hits, without any
 * processor: safe to import into the API.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.scoring }), ArticlesModule],
  providers: [ScoringRepository, ScoringProducer],
  exports: [ScoringRepository, ScoringProducer, ArticlesModule],
})
export class ScoringModule {}
