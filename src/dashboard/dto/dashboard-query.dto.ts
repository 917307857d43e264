import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { type FilterInput, SYNDICATION_MODES } from '../dashboard-filter';

export const BUCKETS = ['hour', 'day', 'week'] as const;
export const CSV_FORMATS = ['json', 'csv'] as const;

/** The filter every dashboard endpoint takes; each value is validated in parseFilter. */
export class DashboardQueryDto implements FilterInput {
  @ApiPropertyOptional({
    description:
      'Start, inclusive (ISO 8601). A date or a date-time without offset is read in `tz`. Default: 30 days before `to`.',
    example: '2025-03-01',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    description: 'End, exclusive (ISO 8601), after `from`. Default: now.',
    example: '2025-04-01T00:00:00Z',
  })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({
    description: 'Monitor id. Default: DEFAULT_MONITOR.',
    example: 'us-china',
  })
  @IsOptional()
  @IsString()
  monitor?: string;

  @ApiPropertyOptional({
    description: 'Only articles from this source (outlet name).',
    example: 'Reuters',
  })
  @IsOptional()
  @IsString()
  source?: string;

  @ApiPropertyOptional({
    description: "A side id of the monitor, or 'mixed' or 'neutral'.",
    example: 'china',
  })
  @IsOptional()
  @IsString()
  side?: string;

  @ApiPropertyOptional({
    description: 'IANA time zone for buckets and for dates given without offset. Default: UTC.',
    example: 'Europe/Paris',
  })
  @IsOptional()
  @IsString()
  tz?: string;

  @ApiPropertyOptional({
    enum: SYNDICATION_MODES,
    default: 'collapse',
    description:
      'collapse counts a wire story once, by its canonical article (the first stored of the outlets that carried it; the other copies are reprints, left out); all counts every copy.',
  })
  @IsOptional()
  @IsString()
  syndication?: string;
}

export class TimeseriesQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ enum: BUCKETS, default: 'day' })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket?: (typeof BUCKETS)[number];
}

export class FramingQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({
    description:
      'Comma-separated phrases (at most 10). A phrase counts the framing hits whose frame id or matched text is that phrase, ignoring case.',
    example: 'respectful,serious difficulties',
  })
  @IsOptional()
  @IsString()
  phrases?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated frame ids (at most 10), instead of phrases.',
    example: 'respectful,serious-difficulties',
  })
  @IsOptional()
  @IsString()
  frames?: string;
}

export class FramingTopQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ description: 'Frames per side, 1 to 50.', default: 10 })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'limit must be a whole number from 1 to 50' })
  limit?: string;
}

export class LatestArticlesQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ description: 'Articles, 1 to 20.', default: 5 })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'limit must be a whole number from 1 to 20' })
  limit?: string;
}

export class ParagraphSearchQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({
    description:
      'Full-text query in web-search syntax: words, "quoted phrases", OR, and -word to exclude.',
    example: '"serious difficulties" OR "red line" -Taiwan',
  })
  @IsOptional()
  @IsString()
  q?: string;

  @ApiPropertyOptional({
    description: 'Only paragraphs with a (non-negated or negated) hit of this frame id.',
    example: 'red-line',
  })
  @IsOptional()
  @IsString()
  frame?: string;

  @ApiPropertyOptional({ description: 'Lowest tone value, -1 to 1.', example: '-1' })
  @IsOptional()
  @IsString()
  toneMin?: string;

  @ApiPropertyOptional({ description: 'Highest tone value, -1 to 1.', example: '-0.2' })
  @IsOptional()
  @IsString()
  toneMax?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Rows per page: 1 to 500 (JSON), 1 to 10000 (CSV).',
    default: 50,
  })
  @IsOptional()
  @Matches(/^\d{1,6}$/, { message: 'limit must be a whole number' })
  limit?: string;

  @ApiPropertyOptional({
    enum: CSV_FORMATS,
    description: 'csv exports the rows as text/csv (so does Accept: text/csv).',
  })
  @IsOptional()
  @IsIn(CSV_FORMATS)
  format?: (typeof CSV_FORMATS)[number];
}

/** `target` in a query: a side id of the monitor, or this for the paragraphs that name no side. */
export const NO_TARGET = '-';

const TARGET_DESCRIPTION = `Only paragraphs that talk about this side (a side id of the monitor), or \`${NO_TARGET}\` for those that name no side.`;

export class DirectionalQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ description: TARGET_DESCRIPTION, example: 'us' })
  @IsOptional()
  @IsString()
  target?: string;
}

export class DirectionalTimeseriesQueryDto extends TimeseriesQueryDto {
  @ApiPropertyOptional({ description: TARGET_DESCRIPTION, example: 'us' })
  @IsOptional()
  @IsString()
  target?: string;
}
