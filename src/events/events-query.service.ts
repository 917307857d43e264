import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '../common/domain-errors';
import { decodeCursor, encodeCursor } from '../common/keyset-cursor';
import { getMonitor } from '../analysis';
import { type CsvColumn, toCsv } from '../dashboard/csv';
import { parseFilter, parseSyndication } from '../dashboard/dashboard-filter';
import { parseLimit } from '../dashboard/framing.service';
import { compareReadouts, countedCopies, type EventSyndication, outletCounts } from './core';
import { type EventDetailDto, type EventListItemDto, type EventPageDto } from './dto/events.dto';
import { type EventsQueryDto } from './dto/events-query.dto';
import { type EventListQuery, type EventRow, EventsRepository } from './events.repository';
import { sideIdsOf } from './events.service';

const MAX_Q = 200;

function eventCursor(row: EventRow): string {
  return encodeCursor({ time: row.endedAt.toISOString(), id: row.id });
}

function eventPosition(cursor: string): { endedAt: Date; id: string } {
  const { time, id } = decodeCursor(cursor, { time: 'iso', id: 'uuid' });
  return { endedAt: new Date(time), id };
}

function item(row: EventRow): EventListItemDto {
  return {
    id: row.id,
    monitor: row.monitor,
    title: row.title,
    topTerms: row.topTerms,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt.toISOString(),
    articleCount: row.articles,
    reprintCount: row.copies - row.stories,
    asymmetryScore: row.asymmetry,
    toneGap: row.toneGap,
  };
}

const CSV_COLUMNS: CsvColumn<EventListItemDto>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'monitor', value: (e) => e.monitor },
  { header: 'title', value: (e) => e.title, text: true },
  { header: 'started_at', value: (e) => e.startedAt },
  { header: 'ended_at', value: (e) => e.endedAt },
  { header: 'articles', value: (e) => e.articleCount },
  { header: 'reprints', value: (e) => e.reprintCount },
  { header: 'asymmetry', value: (e) => e.asymmetryScore },
  { header: 'tone_gap', value: (e) => e.toneGap },
  { header: 'top_terms', value: (e) => e.topTerms.join(' '), text: true },
];

/** Reads behind GET /api/events and GET /api/events/:id. */
@Injectable()
export class EventsQueryService {
  constructor(private readonly repository: EventsRepository) {}

  parse(query: EventsQueryDto, defaultMonitor: string, csv: boolean): EventListQuery {
    const filter = parseFilter(
      {
        from: query.from,
        to: query.to,
        monitor: query.monitor,
        tz: query.tz,
        syndication: query.syndication,
      },
      defaultMonitor,
    );
    let minArticles = 1;
    if (query.minArticles !== undefined) {
      minArticles = Number(query.minArticles);
      if (!/^\d+$/.test(query.minArticles) || minArticles < 1 || minArticles > 10_000) {
        throw new InvalidInputError(
          `minArticles must be a whole number from 1 to 10000 (got "${query.minArticles}")`,
        );
      }
    }
    const q = query.q?.trim() ? query.q.trim() : null;
    if (q !== null && q.length > MAX_Q) {
      throw new InvalidInputError(`q must be at most ${MAX_Q} characters`);
    }
    return {
      monitor: filter.monitor,
      syndication: filter.syndication as EventSyndication,
      from: filter.from,
      to: filter.to,
      minArticles,
      q,
      after: query.cursor === undefined ? null : eventPosition(query.cursor),
      limit: parseLimit(query.limit, 50, csv ? 10_000 : 200),
    };
  }

  async page(query: EventListQuery): Promise<EventPageDto> {
    const rows = await this.repository.list({ ...query, limit: query.limit + 1 });
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(item),
      nextCursor: more ? eventCursor(page[page.length - 1]) : null,
    };
  }

  async csv(query: EventListQuery): Promise<{ body: string; nextCursor: string | null }> {
    const { items, nextCursor } = await this.page(query);
    return { body: toCsv(CSV_COLUMNS, items), nextCursor };
  }

  /** One event in a syndication mode (checked as the dashboard checks it). */
  async detail(id: string, syndicationInput?: string): Promise<EventDetailDto> {
    const syndication = parseSyndication(syndicationInput);
    const row = await this.repository.event(id, syndication);
    if (!row) throw new NotFoundError(`no event ${id}`);
    const [articles, paragraphs] = await Promise.all([
      this.repository.eventArticles(id),
      this.repository.eventParagraphs(id),
    ]);
    // figures from the rows as they are now, like the readouts the list's were stored from
    const counted = countedCopies(articles);
    const readouts = compareReadouts(
      syndication === 'all'
        ? paragraphs
        : paragraphs.filter((p) => counted.get(p.articleId) === p.articleId),
      sideIdsOf(row.monitor),
      row.monitor,
    );
    const labels = labelsOf(row.monitor);
    const stories = new Set(counted.values()).size;
    return {
      id: row.id,
      monitor: row.monitor,
      syndication,
      title: row.title,
      topTerms: row.topTerms,
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt.toISOString(),
      articleCount: syndication === 'all' ? articles.length : stories,
      reprintCount: articles.length - stories,
      centralArticleId: row.centralArticleId,
      articles: articles.map((a) => ({
        id: a.id,
        title: a.title,
        source: a.source,
        url: a.url,
        occurredAt: a.occurredAt.toISOString(),
        similarity: a.similarity,
        countedAs: counted.get(a.id)!,
      })),
      outlets: outletCounts(articles, counted, syndication),
      sides: readouts.sides.map((s) => ({ ...s, label: labels.get(s.side) ?? s.side })),
      asymmetry: readouts.asymmetry,
    };
  }
}

function labelsOf(monitor: string): Map<string, string> {
  const labels = new Map<string, string>([
    ['mixed', 'Mixed'],
    ['neutral', 'Neutral'],
  ]);
  try {
    for (const s of getMonitor(monitor).sides) labels.set(s.id, s.label);
  } catch {
    // a monitor this deployment no longer has: ids stand for labels
  }
  return labels;
}
