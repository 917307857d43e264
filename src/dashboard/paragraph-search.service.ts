import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors';
import { decodeCursor, encodeCursor } from '../common/keyset-cursor';
import { FRAMES } from '../analysis';
import { type DashboardFilter } from './dashboard-filter';
import { type CsvColumn, toCsv } from './csv';
import { type ParagraphSearchQueryDto } from './dto/dashboard-query.dto';
import {
  type LatestArticlesDto,
  type ParagraphItemDto,
  type ParagraphPageDto,
} from './dto/paragraphs.dto';
import { round } from './figures';
import { parseLimit } from './framing.service';
import {
  type ParagraphPosition,
  type ParagraphRow,
  type ParagraphSearch,
  ParagraphSearchRepository,
} from './paragraph-search.repository';
import { periodOf } from './tone.service';

export const MAX_PAGE = 500;
export const MAX_CSV_ROWS = 10_000;
const MAX_QUERY_LENGTH = 500;
const MAX_QUERY_OPERATORS = 24;

const CSV_COLUMNS: CsvColumn<ParagraphItemDto>[] = [
  { header: 'id', value: (p) => p.id },
  { header: 'article_id', value: (p) => p.articleId },
  { header: 'article_title', value: (p) => p.articleTitle, text: true },
  { header: 'occurred_at', value: (p) => p.occurredAt },
  { header: 'monitor', value: (p) => p.monitor },
  { header: 'source', value: (p) => p.source, text: true },
  { header: 'index', value: (p) => p.index },
  { header: 'side', value: (p) => p.side },
  { header: 'speaker', value: (p) => p.speaker, text: true },
  { header: 'tone_value', value: (p) => p.toneValue },
  { header: 'tone_label', value: (p) => p.toneLabel },
  {
    header: 'tone_terms',
    value: (p) => p.toneTerms.map((t) => `${t.term} (${t.weight})`).join('; '),
    text: true,
  },
  {
    header: 'frames',
    value: (p) =>
      p.frames.map((f) => `${f.negated ? 'not ' : ''}${f.frame} (${f.side})`).join('; '),
  },
  { header: 'text', value: (p) => p.text, text: true },
];

// Paragraphs of one article share a time to the microsecond, so the position keeps µs.
function paragraphCursor(row: ParagraphRow): string {
  return encodeCursor({ time: row.occurredAtMicros, id: row.id });
}

function paragraphPosition(cursor: string): ParagraphPosition {
  const { time, id } = decodeCursor(cursor, { time: 'micros', id: 'bigint' });
  return { occurredAtMicros: time, id };
}

function toneBound(name: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < -1 || value > 1) {
    throw new InvalidInputError(`${name} must be a number from -1 to 1 (got "${text}")`);
  }
  return value;
}

@Injectable()
export class ParagraphSearchService {
  constructor(private readonly paragraphs: ParagraphSearchRepository) {}

  parseSearch(
    filter: DashboardFilter,
    query: ParagraphSearchQueryDto,
    csv: boolean,
  ): ParagraphSearch {
    const toneMin = toneBound('toneMin', query.toneMin);
    const toneMax = toneBound('toneMax', query.toneMax);
    if (toneMin !== null && toneMax !== null && toneMin > toneMax) {
      throw new InvalidInputError(`toneMin (${toneMin}) must not be above toneMax (${toneMax})`);
    }
    const known = FRAMES.map((f) => f.id);
    if (query.frame !== undefined && !known.includes(query.frame)) {
      throw new InvalidInputError(
        `frame: unknown frame "${query.frame}" (known: ${known.join(', ')})`,
      );
    }
    const text = query.q?.trim() || null;
    if (text !== null && text.length > MAX_QUERY_LENGTH) {
      throw new InvalidInputError(`q is longer than ${MAX_QUERY_LENGTH} characters`);
    }
    // Postgres builds the tsquery on a fixed stack: long runs of operators (40 dashes, `-(`
    // repeated) overflow it ("tsquery stack too small") and would answer 500.
    const operators = text?.match(/[-()|!&:*<>"]/g)?.length ?? 0;
    if (operators > MAX_QUERY_OPERATORS) {
      throw new InvalidInputError(
        `q has more than ${MAX_QUERY_OPERATORS} operator characters (- ( ) | ! & : * < > ")`,
      );
    }
    return {
      filter,
      text,
      frame: query.frame ?? null,
      toneMin,
      toneMax,
      after: query.cursor === undefined ? null : paragraphPosition(query.cursor),
      limit: csv
        ? parseLimit(query.limit, MAX_CSV_ROWS, MAX_CSV_ROWS)
        : parseLimit(query.limit, 50, MAX_PAGE),
    };
  }

  async page(search: ParagraphSearch): Promise<ParagraphPageDto> {
    const rows = await this.paragraphs.search({ ...search, limit: search.limit + 1 });
    const page = rows.slice(0, search.limit);
    return {
      items: await this.withFrames(page),
      nextCursor: rows.length > search.limit ? paragraphCursor(page[page.length - 1]) : null,
    };
  }

  async csv(search: ParagraphSearch): Promise<{ body: string; nextCursor: string | null }> {
    const { items, nextCursor } = await this.page(search);
    return { body: toCsv(CSV_COLUMNS, items), nextCursor };
  }

  async latestArticles(filter: DashboardFilter, limit: number): Promise<LatestArticlesDto> {
    const articles = await this.paragraphs.latestArticles(filter, limit);
    const paragraphs = await this.withFrames(
      await this.paragraphs.paragraphsOf(
        articles.map((a) => a.id),
        filter.monitor,
      ),
    );
    return {
      monitor: filter.monitor,
      period: periodOf(filter),
      articles: articles.map((a) => ({
        ...a,
        occurredAt: a.occurredAt.toISOString(),
        paragraphs: paragraphs.filter((p) => p.articleId === a.id),
      })),
    };
  }

  private async withFrames(rows: ParagraphRow[]): Promise<ParagraphItemDto[]> {
    const frames = rows.length === 0 ? [] : await this.paragraphs.framesOf(rows.map((r) => r.id));
    return rows.map((row) => ({
      id: row.id,
      articleId: row.articleId,
      articleTitle: row.articleTitle,
      articleUrl: row.articleUrl,
      index: row.index,
      text: row.text,
      side: row.side,
      speaker: row.speaker,
      evidence:
        row.evidenceStart === null || row.evidenceEnd === null
          ? null
          : { start: row.evidenceStart, end: row.evidenceEnd },
      toneValue: round(row.toneValue),
      toneLabel: row.toneLabel,
      toneTerms: row.toneTerms.map((t) => ({ ...t, weight: round(t.weight) })),
      monitor: row.monitor,
      source: row.source,
      occurredAt: row.occurredAt.toISOString(),
      frames: frames
        .filter((f) => f.paragraphId === row.id)
        .map(({ paragraphId: _id, ...frame }) => frame),
    }));
  }
}
