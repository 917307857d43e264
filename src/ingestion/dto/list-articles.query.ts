import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../articles/article-status';
import { IsAfter } from '../../http/is-after.decorator';
import { PageQueryDto } from '../../http/page-query.dto';
import { IsReadableDate } from '../../http/is-readable-date';

export class ListArticlesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ARTICLE_STATUSES })
  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @ApiPropertyOptional({ example: 'Xinhua' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ example: 'us-china' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  monitor?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt at or after' })
  @IsOptional()
  @IsISO8601({ strictSeparator: true })
  @IsReadableDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt before' })
  @IsOptional()
  @IsISO8601({ strictSeparator: true })
  @IsReadableDate()
  @IsAfter('from')
  to?: string;
}
