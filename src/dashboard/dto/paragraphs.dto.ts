import { ApiProperty } from '@nestjs/swagger';
import { PeriodDto } from './tone.dto';

export class EvidenceSpanDto {
  @ApiProperty({ description: 'Offset in the paragraph text' }) start!: number;
  @ApiProperty() end!: number;
}

export class ParagraphToneTermDto {
  @ApiProperty({ example: 'firmly opposes', description: 'The text as matched' }) term!: string;
  @ApiProperty({ example: -3, description: 'Its contribution to the tone score' }) weight!: number;
  @ApiProperty({
    example: 'phrase',
    description: "Lexicon it comes from: 'afinn', 'news', 'phrase' or 'diplomatic'",
  })
  source!: string;
  @ApiProperty() negated!: boolean;
  @ApiProperty({ description: 'Offset in the paragraph text' }) start!: number;
  @ApiProperty() end!: number;
}

export class ParagraphFrameDto {
  @ApiProperty({ example: 'respectful' }) frame!: string;
  @ApiProperty({ example: 'respectful', description: 'The text as matched' }) phrase!: string;
  @ApiProperty({ example: 'us' }) side!: string;
  @ApiProperty() negated!: boolean;
  @ApiProperty({ description: 'Offset in the paragraph text' }) start!: number;
  @ApiProperty() end!: number;
}

export class ParagraphItemDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ type: String, nullable: true }) articleTitle!: string | null;
  @ApiProperty({ type: String, nullable: true }) articleUrl!: string | null;
  @ApiProperty({ description: 'Position in the article, from 0' }) index!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ example: 'china' }) side!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Xinhua' }) speaker!: string | null;
  @ApiProperty({ type: EvidenceSpanDto, nullable: true, description: 'Where the attribution is' })
  evidence!: EvidenceSpanDto | null;
  @ApiProperty({ minimum: -1, maximum: 1 }) toneValue!: number;
  @ApiProperty({ enum: ['positive', 'negative', 'neutral'] }) toneLabel!: string;
  @ApiProperty({
    type: [ParagraphToneTermDto],
    description: 'Every word and phrase that moved the tone: why the paragraph reads as it does',
  })
  toneTerms!: ParagraphToneTermDto[];
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: [ParagraphFrameDto] }) frames!: ParagraphFrameDto[];
}

export class ParagraphPageDto {
  @ApiProperty({ type: [ParagraphItemDto], description: 'Newest first' })
  items!: ParagraphItemDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

export class LatestArticleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: [ParagraphItemDto], description: 'In article order' })
  paragraphs!: ParagraphItemDto[];
}

export class LatestArticlesDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: [LatestArticleDto], description: 'Newest first' })
  articles!: LatestArticleDto[];
}
