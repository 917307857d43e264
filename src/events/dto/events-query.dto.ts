import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CSV_FORMATS } from '../../dashboard/dto/dashboard-query.dto';

/** GET /api/events; every value is checked again (with its message) in EventsQueryService. */
export class EventsQueryDto {
  @ApiPropertyOptional({
    description:
      'Events that end at or after this instant (ISO 8601; a date or a date-time without offset is read in `tz`). Default: 30 days before `to`.',
    example: '2026-11-01',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    description: 'Events that start before this instant (ISO 8601), after `from`. Default: now.',
    example: '2026-12-01T00:00:00Z',
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
    description: 'IANA time zone for dates given without offset. Default: UTC.',
    example: 'UTC',
  })
  @IsOptional()
  @IsString()
  tz?: string;

  @ApiPropertyOptional({
    description: 'Only events of at least this many articles, 1 to 10000.',
    default: 1,
  })
  @IsOptional()
  @Matches(/^\d{1,6}$/, { message: 'minArticles must be a whole number from 1 to 10000' })
  minArticles?: string;

  @ApiPropertyOptional({
    description:
      'Only events whose title contains this text (ignoring case) or whose top terms include it (lower case, as in topTerms).',
    example: 'Geneva',
  })
  @IsOptional()
  @IsString()
  q?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Events per page: 1 to 200 (JSON), 1 to 10000 (CSV).',
    default: 50,
  })
  @IsOptional()
  @Matches(/^\d{1,6}$/, { message: 'limit must be a whole number' })
  limit?: string;

  @ApiPropertyOptional({
    enum: CSV_FORMATS,
    description: 'csv exports the events as text/csv (so does Accept: text/csv).',
  })
  @IsOptional()
  @IsIn(CSV_FORMATS)
  format?: (typeof CSV_FORMATS)[number];
}
