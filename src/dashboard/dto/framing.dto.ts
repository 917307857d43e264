import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PeriodDto } from './tone.dto';

const COUNTS_BY_SIDE = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { us: 1, china: 0, mixed: 0, neutral: 0 },
} as const;

export class FramingExampleDto {
  @ApiProperty({ example: '42' }) paragraphId!: string;
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ example: 'us' }) side!: string;
  @ApiProperty() negated!: boolean;
  @ApiProperty({ example: 'respectful', description: 'The text as matched' }) phrase!: string;
  @ApiProperty({ description: 'The paragraph the hit is in' }) text!: string;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class FramingItemDto {
  @ApiPropertyOptional({ example: 'respectful', description: 'Set when asked by phrases' })
  phrase?: string;
  @ApiPropertyOptional({ example: 'serious-difficulties', description: 'Set when asked by frames' })
  frame?: string;
  @ApiProperty({ ...COUNTS_BY_SIDE, description: 'Hits per side, not negated' })
  sides!: Record<string, number>;
  @ApiProperty({ ...COUNTS_BY_SIDE, description: 'Negated hits per side ("not respectful")' })
  negated!: Record<string, number>;
  @ApiProperty({ type: [FramingExampleDto], description: 'The latest hits, at most 3' })
  examples!: FramingExampleDto[];
}

export class FramingDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiPropertyOptional({ type: [FramingItemDto], description: 'Present when asked by phrases' })
  phrases?: FramingItemDto[];
  @ApiPropertyOptional({ type: [FramingItemDto], description: 'Present when asked by frames' })
  frames?: FramingItemDto[];
}

export class TopFrameDto {
  @ApiProperty({ example: 'serious-difficulties' }) frame!: string;
  @ApiProperty({ description: 'Hits, not negated' }) hits!: number;
  @ApiProperty({ description: 'Negated hits' }) negated!: number;
}

export class SideTopFramesDto {
  @ApiProperty({ example: 'china' }) side!: string;
  @ApiProperty({ type: [TopFrameDto], description: 'Most hits first' }) frames!: TopFrameDto[];
}

export class FramingTopDto {
  @ApiProperty({ example: 'us-china' }) monitor!: string;
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: [SideTopFramesDto] }) sides!: SideTopFramesDto[];
}
