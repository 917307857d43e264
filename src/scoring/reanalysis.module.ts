import { Module } from '@nestjs/common';
import { ReanalysisController } from './reanalysis.controller';
import { ReanalysisRepository } from './reanalysis.repository';
import { ReanalysisService } from './reanalysis.service';
import { ScoringQueueModule } from './scoring-queue.module';

/** Re-analysis for the API (admin route) and the CLI; enqueues only, never processes. */
@Module({
  imports: [ScoringQueueModule],
  controllers: [ReanalysisController],
  providers: [ReanalysisRepository, ReanalysisService],
  exports: [ReanalysisService],
})
export class ReanalysisModule {}
