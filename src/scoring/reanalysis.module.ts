import { Module } from '@nestjs/common';
import { ReanalysisRepository } from './reanalysis.repository';
import { ReanalysisService } from './reanalysis.service';
import { ScoringModule } from './scoring.module';

/** Re-analysis for the admin route and the CLI; enqueues only, never processes. */
@Module({
  imports: [ScoringModule],
  providers: [ReanalysisRepository, ReanalysisService],
  exports: [ReanalysisService],
})
export class ReanalysisModule {}
