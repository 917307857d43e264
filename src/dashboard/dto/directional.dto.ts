import { ApiProperty } from '@nestjs/swagger';
import { PeriodDto, TimeseriesFrameDto } from './tone.dto';

const TARGET = {
  type: String,
  nullable: true,
  example: 'us',
  description: 'The side talked about; null for paragraphs that name no side',
} as const;

export class DirectionalCellDto {
  @ApiProperty({ example: 'china', description: 'The speaking side (as `side` everywhere)' })
  side!: string;
  @ApiProperty(TARGET) target!: string | null;
  @ApiProperty({ example: 42, description: 'Paragraphs of this side that talk about the target' })
  paragraphs!: number;
  @ApiProperty({ type: Number, nullable: true, example: -0.2143 }) meanTone!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.5, description: '0 to 1' })
  negativeShare!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.25 }) positiveShare!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.25 }) neutralShare!: number | null;
}

export class DirectionalToneDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({
    type: [String],
    example: ['us', 'china', 'mixed', 'neutral'],
    description: 'Rows: the speaking sides, in the monitor order, then mixed and neutral',
  })
  speakers!: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'string', nullable: true },
    example: ['us', 'china', null],
    description: 'Columns: the sides talked about, in the monitor order, then null (no side named)',
  })
  targets!: (string | null)[];
  @ApiProperty({
    type: [DirectionalCellDto],
    description:
      'One cell per speaker and target, row by row, empty ones included. A paragraph counts in each side it talks about, so a row adds up to more than the side’s paragraphs when some name two sides.',
  })
  cells!: DirectionalCellDto[];
}

export class PairSeriesDto {
  @ApiProperty({ example: 'china' }) side!: string;
  @ApiProperty(TARGET) target!: string | null;
  @ApiProperty({ type: [Number], description: 'Paragraphs per bucket, aligned with buckets' })
  paragraphs!: number[];
  @ApiProperty({
    type: 'array',
    items: { type: 'number', nullable: true },
    description: 'Mean tone per bucket; null for an empty bucket',
  })
  meanTone!: (number | null)[];
  @ApiProperty({
    type: 'array',
    items: { type: 'number', nullable: true },
    description: 'Share of negative paragraphs per bucket; null for an empty bucket',
  })
  negativeShare!: (number | null)[];
}

export class DirectionalTimeseriesDto extends TimeseriesFrameDto {
  @ApiProperty({
    type: [PairSeriesDto],
    description:
      'One series per speaker and target with paragraphs in the period, in matrix order; the pair named by `side` and `target` always',
  })
  series!: PairSeriesDto[];
}
