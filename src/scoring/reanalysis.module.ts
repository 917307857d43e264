import { Module } from '@nestjs/common';
import { ReanalysisService } from './reanalysis.service';
import { ScoringModule } from './scoring.module';

/** Re-analysis for the admin route and the CLI; enqueues only, never processes. */
@Module({
  imports: [ScoringModule],
  providers: [ReanalysisService],
  exports: [ReanalysisService],
})
export class ReanalysisModule {}
