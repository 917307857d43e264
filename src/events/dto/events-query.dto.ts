import {
  type CSV_FORMATS,
  CsvFormatParam,
  CursorParam,
  MonitorParam,
  TextParam,
  WholeNumberParam,
} from '../../http/query-params';
import { SYNDICATION_MODES } from '../../dashboard/dashboard-filter';

/** `syndication` on the events routes. */
const SyndicationParam = (): PropertyDecorator =>
  TextParam({
    enum: SYNDICATION_MODES,
    default: 'collapse',
    description:
      "collapse counts a wire story once in an event's articles, tone and asymmetry (its canonical article, or the first copy in the event when that is elsewhere); all counts every copy.",
  });

/** GET /api/events/:id */
export class EventDetailQueryDto {
  @SyndicationParam()
  syndication?: string;
}

/** GET /api/events; every value is checked again (with its message) in EventsQueryService. */
export class EventsQueryDto {
  @TextParam({
    description:
      'Events that end at or after this instant (ISO 8601; a date or a date-time without offset is read in `tz`). Default: 30 days before `to`.',
    example: '2026-11-01',
  })
  from?: string;

  @TextParam({
    description: 'Events that start before this instant (ISO 8601), after `from`. Default: now.',
    example: '2026-12-01T00:00:00Z',
  })
  to?: string;

  @MonitorParam()
  monitor?: string;

  @TextParam({
    description: 'IANA time zone for dates given without offset. Default: UTC.',
    example: 'UTC',
  })
  tz?: string;

  @SyndicationParam()
  syndication?: string;

  @WholeNumberParam(
    {
      description:
        'Only events of at least this many articles (counted as `syndication` says), 1 to 10000.',
      default: 1,
    },
    6,
    'minArticles must be a whole number from 1 to 10000',
  )
  minArticles?: string;

  @TextParam({
    description:
      'Only events whose title contains this text (ignoring case) or whose top terms include it (lower case, as in topTerms).',
    example: 'Geneva',
  })
  q?: string;

  @CursorParam()
  cursor?: string;

  @WholeNumberParam(
    {
      description: 'Events per page: 1 to 200 (JSON), 1 to 10000 (CSV).',
      default: 50,
    },
    6,
    'limit must be a whole number',
  )
  limit?: string;

  @CsvFormatParam('events')
  format?: (typeof CSV_FORMATS)[number];
}
