import { ApiProperty } from '@nestjs/swagger';
import { SYNDICATION_MODES } from '../dashboard-filter';
import { BUCKETS } from './dashboard-query.dto';

export class ToneFiguresDto {
  @ApiProperty({ example: 120 }) paragraphs!: number;
  @ApiProperty({ example: 14, description: 'Articles with at least one paragraph of this side' })
  articles!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: -0.1234,
    description: 'Mean tone value; null without paragraphs',
  })
  meanTone!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.25,
    description: 'Share of positive paragraphs, 0 to 1',
  })
  positiveShare!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.5 }) negativeShare!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.25 }) neutralShare!: number | null;
}

export class ToneChangeDto {
  @ApiProperty({ example: 20, description: 'current minus previous' }) paragraphs!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.2,
    description: 'Relative change; null when the previous period had none',
  })
  paragraphsRatio!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: -0.05 }) meanTone!: number | null;
  @ApiProperty({ type: Number, nullable: true }) positiveShare!: number | null;
  @ApiProperty({ type: Number, nullable: true }) negativeShare!: number | null;
  @ApiProperty({ type: Number, nullable: true }) neutralShare!: number | null;
}

export class ReprintsDto {
  @ApiProperty({ description: 'Paragraphs of the reprints' }) paragraphs!: number;
  @ApiProperty({ description: 'Reprint articles (copies of a wire story after its canonical one)' })
  articles!: number;
}

export class SideSummaryDto {
  @ApiProperty({ example: 'china' }) side!: string;
  @ApiProperty({
    type: ReprintsDto,
    description:
      'Wire reprints of this side in the current period: folded into their canonical article (left out of current) under syndication=collapse, counted in current under all',
  })
  reprints!: ReprintsDto;
  @ApiProperty({ type: ToneFiguresDto }) current!: ToneFiguresDto;
  @ApiProperty({ type: ToneFiguresDto, description: 'The period of equal length just before' })
  previous!: ToneFiguresDto;
  @ApiProperty({ type: ToneChangeDto }) change!: ToneChangeDto;
}

export class PeriodDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
}

export class ToneSummaryDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ enum: SYNDICATION_MODES }) syndication!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: PeriodDto }) previousPeriod!: PeriodDto;
  @ApiProperty({ type: [SideSummaryDto] }) sides!: SideSummaryDto[];
}

export class SideSeriesDto {
  @ApiProperty({ example: 'us' }) side!: string;
  @ApiProperty({ type: [Number], description: 'Paragraphs per bucket, aligned with buckets' })
  paragraphs!: number[];
  @ApiProperty({
    type: 'array',
    items: { type: 'number', nullable: true },
    description: 'Mean tone per bucket; null for an empty bucket',
  })
  meanTone!: (number | null)[];
}

/** What every timeseries answer opens with: its monitor, buckets and period. */
export class TimeseriesFrameDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ enum: BUCKETS }) bucket!: string;
  @ApiProperty({ example: 'UTC' }) tz!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({
    type: [String],
    description: 'Start of each bucket (ISO 8601, UTC); empty buckets included',
  })
  buckets!: string[];
}

export class ToneTimeseriesDto extends TimeseriesFrameDto {
  @ApiProperty({ type: [SideSeriesDto] }) series!: SideSeriesDto[];
}

export class SourceSideDto {
  @ApiProperty({ example: 'china' }) side!: string;
  @ApiProperty() paragraphs!: number;
  @ApiProperty({ type: Number, nullable: true }) meanTone!: number | null;
}

export class SourceBreakdownItemDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Xinhua',
    description: 'null for articles without a source',
  })
  source!: string | null;
  @ApiProperty() paragraphs!: number;
  @ApiProperty({ type: Number, nullable: true }) meanTone!: number | null;
  @ApiProperty({ type: [SourceSideDto], description: 'Every side, in the monitor order' })
  sides!: SourceSideDto[];
}

export class SourceBreakdownDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: [SourceBreakdownItemDto], description: 'Most paragraphs first' })
  sources!: SourceBreakdownItemDto[];
}
