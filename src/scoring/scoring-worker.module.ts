import { Module } from '@nestjs/common';
import { articleAnalyzerProvider } from './article-analyzer';
import { RequeueSweep } from './requeue-sweep';
import { ScoringModule } from './scoring.module';
import { ScoringProcessor } from './scoring.processor';
import { ScoringService } from './scoring.service';

/** The scoring worker; imported only by WorkerModule (a @Processor here starts a worker). */
@Module({
  imports: [ScoringModule],
  providers: [articleAnalyzerProvider, ScoringService, ScoringProcessor, RequeueSweep],
  exports: [ScoringService],
})
export class ScoringWorkerModule {}
