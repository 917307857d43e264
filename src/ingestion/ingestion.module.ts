import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { ArticleSubmissionService } from './article-submission.service';
import { ArticlesRepository } from './articles.repository';

/** How articles enter: shared by the API (posts) and the source workers (polled items). */
@Module({
  imports: [ScoringModule],
  providers: [ArticlesRepository, ArticleSubmissionService],
  exports: [ArticlesRepository, ArticleSubmissionService],
})
export class IngestionModule {}
