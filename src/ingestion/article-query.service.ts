import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors';
import { decodeCursor, encodeCursor } from '../common/keyset-cursor';
import {
  type ArticleDetailDto,
  type ArticleListDto,
  type MonitorAnalysisDto,
  type ArticleSummaryDto,
  type ParagraphDto,
} from './dto/article-response.dto';
import { type ListArticlesQueryDto } from './dto/list-articles.query';
import {
  type ArticleRow,
  ArticlesRepository,
  type ListPosition,
  type StoredFrameHit,
  type StoredParagraph,
} from '../articles/articles.repository';

const DEFAULT_PAGE = 50;

/** Read side of the articles API: one article with its analysis, or a filtered page of them. */
@Injectable()
export class ArticleQueryService {
  constructor(private readonly articles: ArticlesRepository) {}

  async get(id: string): Promise<ArticleDetailDto> {
    const article = await this.articles.findById(id);
    if (!article) throw new NotFoundError(`no article with id ${id}`);
    const [paragraphs, hits, stored] = await Promise.all([
      this.articles.findParagraphs(id),
      this.articles.findFrameHits(id),
      this.articles.findAnalyses(id),
    ]);
    const analyses = article.monitors.map((monitor): MonitorAnalysisDto => {
      const analysis = stored.find((a) => a.monitor === monitor);
      return {
        monitor,
        analysisVersion: analysis ? article.analysisVersion : null,
        monitorVersion: analysis?.monitorVersion ?? null,
        scoredAt: analysis?.scoredAt.toISOString() ?? null,
        paragraphs: paragraphs
          .filter((p) => p.monitor === monitor)
          .map((p) => paragraphView(p, hits)),
      };
    });
    return {
      ...summary(article),
      text: article.body,
      paragraphs: analyses[0]?.paragraphs ?? [],
      analyses,
    };
  }

  async list(query: ListArticlesQueryDto): Promise<ArticleListDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    const after = query.cursor ? listPosition(query.cursor) : undefined;
    // One extra row tells whether another page follows.
    const rows = await this.articles.list(
      { status: query.status, source: query.source, monitor: query.monitor, from, to },
      after,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summary),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ time: last.occurredAt.toISOString(), id: last.id })
          : null,
    };
  }
}

function listPosition(cursor: string): ListPosition {
  const { time, id } = decodeCursor(cursor, { time: 'iso', id: 'uuid' });
  return { occurredAt: new Date(time), id };
}

function summary(row: ArticleRow): ArticleSummaryDto {
  return {
    id: row.id,
    status: row.status,
    monitor: row.monitors[0] ?? null,
    monitors: row.monitors,
    autoMonitors: row.autoMonitors,
    source: row.source,
    url: row.url,
    title: row.title,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    occurredAt: row.occurredAt.toISOString(),
    attempts: row.attempts,
    lastError: row.lastError,
    analysisVersion: row.analysisVersion,
    scoredAt: row.scoredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    wireGroupId: row.wireGroupId,
  };
}

function paragraphView(p: StoredParagraph, hits: StoredFrameHit[]): ParagraphDto {
  return {
    index: p.index,
    text: p.text,
    start: p.start,
    end: p.end,
    side: p.side,
    speaker: p.speaker,
    evidence:
      p.evidenceStart === null || p.evidenceEnd === null
        ? null
        : { start: p.evidenceStart, end: p.evidenceEnd },
    sideReason: p.sideReason,
    targets: p.targets,
    tone: {
      value: p.toneValue,
      score: p.toneScore,
      comparative: p.toneComparative,
      label: p.toneLabel,
      terms: p.toneTerms,
    },
    frames: hits
      .filter((hit) => hit.paragraphId === p.id)
      .map(({ frame, phrase, side, negated, start, end }) => ({
        frame,
        phrase,
        side,
        negated,
        start,
        end,
      })),
  };
}
