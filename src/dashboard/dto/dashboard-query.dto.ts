import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  CSV_FORMATS,
  CsvFormatParam,
  CursorParam,
  MonitorParam,
  TextParam,
  WholeNumberParam,
} from '../../http/query-params';
import { type FilterInput, SYNDICATION_MODES } from '../dashboard-filter';

export const BUCKETS = ['hour', 'day', 'week'] as const;

/** The filter every dashboard endpoint takes; each value is validated in parseFilter. */
export class DashboardQueryDto implements FilterInput {
  @TextParam({
    description:
      'Start, inclusive (ISO 8601). A date or a date-time without offset is read in `tz`. Default: 30 days before `to`.',
    example: '2025-03-01',
  })
  from?: string;

  @TextParam({
    description: 'End, exclusive (ISO 8601), after `from`. Default: now.',
    example: '2025-04-01T00:00:00Z',
  })
  to?: string;

  @MonitorParam()
  monitor?: string;

  @TextParam({
    description: 'Only articles from this source (outlet name).',
    example: 'Reuters',
  })
  source?: string;

  @TextParam({
    description: "A side id of the monitor, or 'mixed' or 'neutral'.",
    example: 'china',
  })
  side?: string;

  @TextParam({
    description: 'IANA time zone for buckets and for dates given without offset. Default: UTC.',
    example: 'Europe/Paris',
  })
  tz?: string;

  @TextParam({
    enum: SYNDICATION_MODES,
    default: 'collapse',
    description:
      'collapse counts a wire story once, by its canonical article (the first stored of the outlets that carried it; the other copies are reprints, left out); all counts every copy.',
  })
  syndication?: string;
}

export class TimeseriesQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ enum: BUCKETS, default: 'day' })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket?: (typeof BUCKETS)[number];
}

export class FramingQueryDto extends DashboardQueryDto {
  @TextParam({
    description:
      'Comma-separated phrases (at most 10). A phrase counts the framing hits whose frame id or matched text is that phrase, ignoring case.',
    example: 'respectful,serious difficulties',
  })
  phrases?: string;

  @TextParam({
    description: 'Comma-separated frame ids (at most 10), instead of phrases.',
    example: 'respectful,serious-difficulties',
  })
  frames?: string;
}

export class FramingTopQueryDto extends DashboardQueryDto {
  @WholeNumberParam(
    { description: 'Frames per side, 1 to 50.', default: 10 },
    3,
    'limit must be a whole number from 1 to 50',
  )
  limit?: string;
}

export class LatestArticlesQueryDto extends DashboardQueryDto {
  @WholeNumberParam(
    { description: 'Articles, 1 to 20.', default: 5 },
    3,
    'limit must be a whole number from 1 to 20',
  )
  limit?: string;
}

export class ParagraphSearchQueryDto extends DashboardQueryDto {
  @TextParam({
    description:
      'Full-text query in web-search syntax: words, "quoted phrases", OR, and -word to exclude.',
    example: '"serious difficulties" OR "red line" -Taiwan',
  })
  q?: string;

  @TextParam({
    description: 'Only paragraphs with a (non-negated or negated) hit of this frame id.',
    example: 'red-line',
  })
  frame?: string;

  @TextParam({ description: 'Lowest tone value, -1 to 1.', example: '-1' })
  toneMin?: string;

  @TextParam({ description: 'Highest tone value, -1 to 1.', example: '-0.2' })
  toneMax?: string;

  @CursorParam()
  cursor?: string;

  @WholeNumberParam(
    {
      description: 'Rows per page: 1 to 500 (JSON), 1 to 10000 (CSV).',
      default: 50,
    },
    6,
    'limit must be a whole number',
  )
  limit?: string;

  @CsvFormatParam('rows')
  format?: (typeof CSV_FORMATS)[number];
}

/** `target` in a query: a side id of the monitor, or this for the paragraphs that name no side. */
export const NO_TARGET = '-';

const TARGET_DESCRIPTION = `Only paragraphs that talk about this side (a side id of the monitor), or \`${NO_TARGET}\` for those that name no side.`;

export class DirectionalQueryDto extends DashboardQueryDto {
  @TextParam({ description: TARGET_DESCRIPTION, example: 'us' })
  target?: string;
}

export class DirectionalTimeseriesQueryDto extends TimeseriesQueryDto {
  @TextParam({ description: TARGET_DESCRIPTION, example: 'us' })
  target?: string;
}
