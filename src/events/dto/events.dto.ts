import { ApiProperty } from '@nestjs/swagger';
import { SYNDICATION_MODES } from '../../dashboard/dashboard-filter';

const ARTICLE_COUNT =
  'Articles of the event: each wire story once under syndication=collapse (the default), every copy under all';
const REPRINT_COUNT =
  'Copies of a wire story in the event beyond the one counted (folded under collapse, counted under all)';

export class EventListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({
    description: "The most central article's title (its top terms when no article has a title)",
  })
  title!: string;
  @ApiProperty({ type: [String], description: 'Heaviest terms of the event, lower case' })
  topTerms!: string[];
  @ApiProperty({ format: 'date-time', description: 'Time of its first article' })
  startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Time of its last article' }) endedAt!: string;
  @ApiProperty({ description: ARTICLE_COUNT }) articleCount!: number;
  @ApiProperty({ description: REPRINT_COUNT }) reprintCount!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description:
      'Asymmetry score of the two sides that speak most (null while fewer than two sides speak); see docs/events.md',
  })
  asymmetryScore!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean tone of the side that speaks most minus that of the second',
  })
  toneGap!: number | null;
}

export class EventPageDto {
  @ApiProperty({
    type: [EventListItemDto],
    description: 'Newest first (by the time of the last article)',
  })
  items!: EventListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}

export class EventArticleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ description: 'Similarity to the event when it joined (1 for the first article)' })
  similarity!: number;
  @ApiProperty({
    format: 'uuid',
    description:
      'The article it counts as under syndication=collapse: itself, or for a wire reprint the copy of its story that is counted (the canonical article when in the event, else the first copy in it)',
  })
  countedAs!: string;
}

export class EventOutletDto {
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({
    description:
      "Articles counted for the outlet: under collapse its own stories and the counted copy of a wire story; under all every copy it printed. An outlet's count in the event's figures is 1 when this is above 0",
  })
  articles!: number;
  @ApiProperty({
    description: 'Its copies of a wire story counted as another article (folded under collapse)',
  })
  reprints!: number;
}

export class QuoteFrameDto {
  @ApiProperty({ example: 'red-line' }) frame!: string;
  @ApiProperty({ description: 'The text as matched' }) phrase!: string;
  @ApiProperty() negated!: boolean;
  @ApiProperty({ description: 'Offset in the paragraph text' }) start!: number;
  @ApiProperty() end!: number;
}

export class SpanDto {
  @ApiProperty({ description: 'Offset in the paragraph text' }) start!: number;
  @ApiProperty() end!: number;
}

export class SideQuoteDto {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty() paragraphIndex!: number;
  @ApiProperty({ type: String, nullable: true }) speaker!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ type: SpanDto, nullable: true, description: 'Where the attribution is' })
  evidence!: SpanDto | null;
  @ApiProperty({ minimum: -1, maximum: 1 }) tone!: number;
  @ApiProperty({
    type: [QuoteFrameDto],
    description: 'Framing phrases in the paragraph, to highlight',
  })
  frames!: QuoteFrameDto[];
}

export class SideFrameDto {
  @ApiProperty() frame!: string;
  @ApiProperty() negated!: boolean;
  @ApiProperty() hits!: number;
}

export class SideTermDto {
  @ApiProperty() term!: string;
  @ApiProperty() count!: number;
}

export class SideAccountDto {
  @ApiProperty({ example: 'china', description: "A side of the monitor, or 'mixed' or 'neutral'" })
  side!: string;
  @ApiProperty() label!: string;
  @ApiProperty() paragraphs!: number;
  @ApiProperty() articles!: number;
  @ApiProperty({ type: Number, nullable: true }) meanTone!: number | null;
  @ApiProperty({ type: [SideFrameDto] }) frames!: SideFrameDto[];
  @ApiProperty({
    type: [SideTermDto],
    description: 'Terms this side used more than the other sides (z-scored log-odds)',
  })
  distinctiveTerms!: SideTermDto[];
  @ApiProperty({ type: [SideQuoteDto] }) quotes!: SideQuoteDto[];
}

export class AsymmetryDto {
  @ApiProperty({
    type: [String],
    description: 'The two sides compared, the one with more paragraphs first',
  })
  sides!: string[];
  @ApiProperty() toneGap!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: "Per side, the frames it used and the other did not ('not X' for a negated use)",
  })
  framesOnlyIn!: Record<string, string[]>;
  @ApiProperty({ minimum: 0, maximum: 1 }) frameDivergence!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Per side, its most used terms that the other side never used',
  })
  termsOnlyIn!: Record<string, string[]>;
  @ApiProperty({ minimum: 0, maximum: 1 }) termDivergence!: number;
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    description: '0.5 × min(1, |toneGap|) + 0.3 × frameDivergence + 0.2 × termDivergence',
  })
  score!: number;
}

export class EventDetailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ enum: SYNDICATION_MODES }) syndication!: string;
  @ApiProperty({ description: "The most central article's title" }) title!: string;
  @ApiProperty({ type: [String] }) topTerms!: string[];
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) endedAt!: string;
  @ApiProperty({ description: ARTICLE_COUNT }) articleCount!: number;
  @ApiProperty({ description: REPRINT_COUNT }) reprintCount!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) centralArticleId!: string | null;
  @ApiProperty({ type: [EventArticleDto], description: 'In time order, every copy in both modes' })
  articles!: EventArticleDto[];
  @ApiProperty({
    type: [EventOutletDto],
    description: 'Articles by outlet, most first; every outlet that printed one, reprints included',
  })
  outlets!: EventOutletDto[];
  @ApiProperty({
    type: [SideAccountDto],
    description:
      "Each side's account (the monitor's sides in order, then mixed and neutral when they speak)",
  })
  sides!: SideAccountDto[];
  @ApiProperty({
    type: AsymmetryDto,
    nullable: true,
    description: "null while fewer than two of the monitor's sides speak in the event",
  })
  asymmetry!: AsymmetryDto | null;
}
