import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../articles/article-status';

export class SubmissionResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ARTICLE_STATUSES })
  status!: ArticleStatus;

  @ApiPropertyOptional({ description: 'Present (true) when the content or url was already stored' })
  duplicate?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description:
      'A repeat named monitors the stored article lacked: they were added and the article queued for a new analysis run under all of its monitors',
  })
  monitorsAdded?: string[];
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
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The first of `monitors`; null while an `auto` article waits for its monitors to be picked',
  })
  monitor!: string | null;
  @ApiProperty({
    type: [String],
    example: ['us-china', 'russia-ukraine'],
    description:
      'The monitors the article is analysed under, in the order named (picked by `auto`: most involved first). While `autoMonitors` is true, only those named explicitly (often none)',
  })
  monitors!: string[];
  @ApiProperty({
    description:
      'true from an `auto` submission until the scoring worker has picked the monitors and stored their analyses',
  })
  autoMonitors!: boolean;
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

export class MonitorAnalysisDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ type: String, nullable: true }) analysisVersion!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Version (content hash) of the monitor the analysis was made with',
  })
  monitorVersion!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scoredAt!: string | null;
  @ApiProperty({
    type: [ParagraphDto],
    description: "The paragraphs as this monitor's sides and actors read them; empty until scored",
  })
  paragraphs!: ParagraphDto[];
}

export class ArticleDetailDto extends ArticleSummaryDto {
  @ApiProperty({ description: 'The article text as stored' }) text!: string;
  @ApiProperty({
    type: [ParagraphDto],
    description: "The first monitor's paragraphs (analyses[0]); empty until the article is scored",
  })
  paragraphs!: ParagraphDto[];
  @ApiProperty({
    type: [MonitorAnalysisDto],
    description: 'One analysis per monitor of the article, in the order of `monitors`',
  })
  analyses!: MonitorAnalysisDto[];
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
