import { Module } from '@nestjs/common';
import { ScoringQueueModule } from '../scoring/scoring-queue.module';
import { ArticleQueryService } from './article-query.service';
import { ArticleSubmissionService } from './article-submission.service';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';

/** Articles in (single and batch) and out; ArticleSubmissionService is exported for sources. */
@Module({
  imports: [ScoringQueueModule],
  controllers: [ArticlesController],
  providers: [ArticlesRepository, ArticleSubmissionService, ArticleQueryService],
  exports: [ArticleSubmissionService],
})
export class IngestionModule {}
