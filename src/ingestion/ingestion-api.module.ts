import { Module } from '@nestjs/common';
import { ArticleQueryService } from './article-query.service';
import { ArticlesController } from './articles.controller';
import { IngestionModule } from './ingestion.module';

/** /api/articles: single and batch posts, one article, and the list. */
@Module({
  imports: [IngestionModule],
  controllers: [ArticlesController],
  providers: [ArticleQueryService],
})
export class IngestionApiModule {}
