import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { ArticleSubmissionService } from './article-submission.service';
import { ArticlesModule } from '../articles/articles.module';

/** How articles enter: shared by the API (posts) and the source workers (polled items). */
@Module({
  imports: [ScoringModule, ArticlesModule],
  providers: [ArticleSubmissionService],
  exports: [ArticlesModule, ArticleSubmissionService],
})
export class IngestionModule {}
