import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../articles/article-status';

export class SubmissionResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ARTICLE_STATUSES })
  status!: ArticleStatus;

  @ApiPropertyOptional({ description: 'Present (true) when the content or url was already stored' })
  duplicate?: boolean;
}

export class SpanDto {
  @ApiProperty() start!: number;
  @ApiProperty() end!: number;
}

export class ToneTermDto {
  @ApiProperty() term!: string;
  @ApiProperty() weight!: number;
  @ApiProperty({
    example: 'diplomatic',
    description: "Lexicon the term comes from: 'afinn', 'news', 'phrase' or 'diplomatic'",
  })
  source!: string;
  @ApiProperty() negated!: boolean;
  @ApiProperty() start!: number;
  @ApiProperty() end!: number;
}

export class ToneDto {
  @ApiProperty({ minimum: -1, maximum: 1, description: 'Calibrated tone: score squashed' })
  value!: number;
  @ApiProperty({ description: 'Sum of the weights of terms' }) score!: number;
  @ApiProperty({ description: 'score per word of the paragraph' }) comparative!: number;
  @ApiProperty({
    enum: ['positive', 'negative', 'neutral'],
    description: 'neutral while value lies inside the neutral band (wider in narration)',
  })
  label!: string;
  @ApiProperty({ type: [ToneTermDto], description: 'Every contribution to score' })
  terms!: ToneTermDto[];
}

export class FrameHitDto {
  @ApiProperty({ example: 'serious-difficulties' }) frame!: string;
  @ApiProperty() phrase!: string;
  @ApiProperty({ example: 'china' }) side!: string;
  @ApiProperty() negated!: boolean;
  @ApiProperty({ description: 'Offset in the paragraph text' }) start!: number;
  @ApiProperty() end!: number;
}

export class ParagraphDto {
  @ApiProperty() index!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'Offset of the paragraph in the article text' }) start!: number;
  @ApiProperty() end!: number;
  @ApiProperty({ example: 'us', description: 'A side id of the monitor, mixed or neutral' })
  side!: string;
  @ApiProperty({ type: String, nullable: true, example: 'a senior administration official' })
  speaker!: string | null;
  @ApiProperty({
    type: SpanDto,
    nullable: true,
    description: 'Attribution offsets in the paragraph',
  })
  evidence!: SpanDto | null;
  @ApiProperty() sideReason!: string;
  @ApiProperty({ type: [String] }) targets!: string[];
  @ApiProperty({ type: ToneDto }) tone!: ToneDto;
  @ApiProperty({ type: [FrameHitDto] }) frames!: FrameHitDto[];
}

export class ArticleSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ARTICLE_STATUSES }) status!: ArticleStatus;
  @ApiProperty() monitor!: string;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Published time, else arrival time' })
  occurredAt!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true }) analysisVersion!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scoredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'Set when this article and another carry the same wire story: the id of the first of them. Count COALESCE(wireGroupId, id) to count a statement once',
  })
  wireGroupId!: string | null;
}

export class ArticleDetailDto extends ArticleSummaryDto {
  @ApiProperty({ description: 'The article text as stored' }) text!: string;
  @ApiProperty({ type: [ParagraphDto], description: 'Empty until the article is scored' })
  paragraphs!: ParagraphDto[];
}

export class ArticleListDto {
  @ApiProperty({ type: [ArticleSummaryDto] }) items!: ArticleSummaryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
