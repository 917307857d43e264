import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsObject } from 'class-validator';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../articles/article-status';
import { CreateArticleDto } from './create-article.dto';

/**
 * Items are validated one by one by the controller, so that one bad item is reported in its
 * own result instead of rejecting the whole batch.
 */
export class CreateArticleBatchDto {
  @ApiProperty({ type: [CreateArticleDto], description: 'Up to MAX_BATCH_SIZE articles' })
  @IsArray()
  @ArrayNotEmpty()
  @IsObject({ each: true, message: 'each item of articles must be an object' })
  articles!: Record<string, unknown>[];
}

export class BatchItemResultDto {
  @ApiProperty({ description: 'Position of the item in the posted array' })
  index!: number;

  @ApiPropertyOptional({ format: 'uuid' })
  id?: string;

  @ApiPropertyOptional({ enum: ARTICLE_STATUSES })
  status?: ArticleStatus;

  @ApiPropertyOptional({ description: 'true when the content or url was already stored' })
  duplicate?: boolean;

  @ApiPropertyOptional({ type: [String], description: "As in a single submission's result" })
  monitorsAdded?: string[];

  @ApiPropertyOptional({ description: 'Why this item was rejected, naming the field' })
  error?: string;
}

export class BatchResultDto {
  @ApiProperty({ type: [BatchItemResultDto] })
  results!: BatchItemResultDto[];
}
