import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import { type EventCopy, type EventParagraph, type EventSyndication } from './core';

export interface ArticleToGroup {
  id: string;
  monitor: string;
  title: string | null;
  body: string;
  occurredAt: Date;
}

export interface StoredEvent {
  id: string;
  startedAt: Date;
  endedAt: Date;
  articles: number;
  centroid: unknown;
}

export interface EventMember {
  articleId: string;
  title: string | null;
  vector: unknown;
}

/** An event's stored figures in one syndication mode. */
export interface EventRow {
  id: string;
  monitor: string;
  title: string;
  topTerms: string[];
  startedAt: Date;
  endedAt: Date;
  /** articles counted: every copy (all) or each wire story once (collapse) */
  articles: number;
  /** every copy, whatever the mode */
  copies: number;
  /** each wire story once, whatever the mode: copies - stories are the reprints folded */
  stories: number;
  centralArticleId: string | null;
  /** stored with the event once its paragraphs are read (see EventsService) */
  asymmetry: number | null;
  toneGap: number | null;
}

/** What refreshing an event stores: its figures in each mode. */
export interface StoredReadouts {
  stories: number;
  collapse: { score: number; toneGap: number; sides: string[] } | null;
  all: { score: number; toneGap: number; sides: string[] } | null;
}

/** Columns of the stored figures per mode (fixed names, never input). */
const MODE_COLUMNS: Record<EventSyndication, string> = {
  collapse: `story_count AS articles, asymmetry, tone_gap`,
  all: `article_count AS articles, asymmetry_all AS asymmetry, tone_gap_all AS tone_gap`,
};

const EVENT_COLUMNS = `id, monitor, title, top_terms, started_at, ended_at, article_count, story_count,
  central_article_id`;

function toEventRow(row: DbRow): EventRow {
  return {
    id: column.text(row, 'id'),
    monitor: column.text(row, 'monitor'),
    title: column.text(row, 'title'),
    topTerms: column.textArray(row, 'top_terms'),
    startedAt: column.time(row, 'started_at'),
    endedAt: column.time(row, 'ended_at'),
    copies: column.int(row, 'article_count'),
    stories: column.int(row, 'story_count'),
    centralArticleId: column.textOrNull(row, 'central_article_id'),
    articles: column.int(row, 'articles'),
    asymmetry: column.floatOrNull(row, 'asymmetry'),
    toneGap: column.floatOrNull(row, 'tone_gap'),
  };
}

function toEventParagraph(row: DbRow): EventParagraph {
  return {
    articleId: column.text(row, 'article_id'),
    index: column.int(row, 'idx'),
    side: column.text(row, 'side'),
    speaker: column.textOrNull(row, 'speaker'),
    text: column.text(row, 'text'),
    // json built by the statement from the paragraph's and its hits' columns
    evidence: column.jsonbOrNull<EventParagraph['evidence'] & object>(row, 'evidence'),
    tone: column.float(row, 'tone_value'),
    frames: column.jsonb<EventParagraph['frames']>(row, 'frames'),
  };
}

const toIdAndMonitor = (row: DbRow): { id: string; monitor: string } => ({
  id: column.text(row, 'id'),
  monitor: column.text(row, 'monitor'),
});
const MODE_COUNT: Record<EventSyndication, string> = {
  collapse: 'story_count',
  all: 'article_count',
};

export interface EventListQuery {
  monitor: string;
  syndication: EventSyndication;
  from: Date;
  to: Date;
  minArticles: number;
  q: string | null;
  after: { endedAt: Date; id: string } | null;
  limit: number;
}

export interface EventArticleRow extends EventCopy {
  id: string;
  title: string | null;
  source: string | null;
  url: string | null;
  occurredAt: Date;
  similarity: number;
}

/** What grouping computes for an event and stores on its row. */
export interface EventFields {
  startedAt: Date;
  endedAt: Date;
  articles: number;
  centralArticleId: string;
  title: string;
  topTerms: string[];
  centroid: Record<string, number>;
}

/** The only place with SQL for events. */
@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` holding the monitor's grouping lock, so articles of one monitor join one at a time. */
  inMonitorLock<T>(monitor: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tonewatch-events'), hashtext($1))`, [
        monitor,
      ]);
      return work(tx);
    });
  }

  /** The article's event in the monitor, if it is grouped there. */
  async eventOf(tx: EntityManager, articleId: string, monitor: string): Promise<string | null> {
    return mapRow(
      tx,
      `SELECT event_id FROM event_articles WHERE article_id = $1 AND monitor = $2`,
      [articleId, monitor],
      (row) => column.text(row, 'event_id'),
    );
  }

  /**
   * A scored article's grouping input in one of its monitors; nothing for an article not (or
   * no longer) scored, or not in that monitor.
   */
  async scoredArticle(
    tx: EntityManager | null,
    articleId: string,
    monitor: string,
  ): Promise<ArticleToGroup | null> {
    return mapRow(
      tx ?? this.db,
      `SELECT id, $2::text AS monitor, title, body, occurred_at
       FROM articles WHERE id = $1 AND status = 'scored' AND $2 = ANY (monitors)`,
      [articleId, monitor],
      (row) => ({
        id: column.text(row, 'id'),
        monitor: column.text(row, 'monitor'),
        title: column.textOrNull(row, 'title'),
        body: column.text(row, 'body'),
        occurredAt: column.time(row, 'occurred_at'),
      }),
    );
  }

  /** The monitors of an article, whatever its status (null when it does not exist). */
  async monitorsOf(articleId: string): Promise<string[] | null> {
    return mapRow(this.db, `SELECT monitors FROM articles WHERE id = $1`, [articleId], (row) =>
      column.textArray(row, 'monitors'),
    );
  }

  /** Grouped articles of the monitor on the UTC days [fromDay, toDay], and how many contain each term. */
  async documentFrequencies(
    tx: EntityManager,
    monitor: string,
    fromDay: string,
    toDay: string,
    terms: string[],
  ): Promise<{ articles: number; df: Map<string, number> }> {
    const articles = await mapRow(
      tx,
      `SELECT count(*) AS n FROM event_articles
       WHERE monitor = $1 AND occurred_at >= $2::date AND occurred_at < $3::date + 1`,
      [monitor, fromDay, toDay],
      (row) => column.numeric(row, 'n'),
    );
    const rows = await mapRows(
      tx,
      `SELECT term, sum(df) AS df FROM event_term_days
       WHERE monitor = $1 AND term = ANY($4::text[]) AND day BETWEEN $2::date AND $3::date
       GROUP BY term`,
      [monitor, fromDay, toDay, terms],
      (row): [string, number] => [column.text(row, 'term'), column.numeric(row, 'df')],
    );
    return { articles: articles!, df: new Map(rows) };
  }

  async candidateEvents(
    tx: EntityManager,
    monitor: string,
    from: Date,
    to: Date,
  ): Promise<StoredEvent[]> {
    return mapRows(
      tx,
      `SELECT id, started_at, ended_at, article_count, centroid
       FROM events WHERE monitor = $1 AND ended_at >= $2 AND started_at <= $3`,
      [monitor, from, to],
      (row) => ({
        id: column.text(row, 'id'),
        startedAt: column.time(row, 'started_at'),
        endedAt: column.time(row, 'ended_at'),
        articles: column.int(row, 'article_count'),
        centroid: column.jsonb(row, 'centroid'),
      }),
    );
  }

  async members(tx: EntityManager, eventId: string): Promise<EventMember[]> {
    return mapRows(
      tx,
      `SELECT ea.article_id, a.title, ea.vector
       FROM event_articles ea JOIN articles a ON a.id = ea.article_id
       WHERE ea.event_id = $1 ORDER BY ea.occurred_at, ea.article_id`,
      [eventId],
      (row) => ({
        articleId: column.text(row, 'article_id'),
        title: column.textOrNull(row, 'title'),
        vector: column.jsonb(row, 'vector'),
      }),
    );
  }

  async insertEvent(tx: EntityManager, event: EventFields & { monitor: string }): Promise<string> {
    const id = await mapRow(
      tx,
      `INSERT INTO events (monitor, started_at, ended_at, article_count, story_count,
         central_article_id, title, top_terms, centroid)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8) RETURNING id`,
      [
        event.monitor,
        event.startedAt,
        event.endedAt,
        event.articles,
        event.centralArticleId,
        event.title,
        event.topTerms,
        JSON.stringify(event.centroid),
      ],
      (row) => column.text(row, 'id'),
    );
    return id!;
  }

  async updateEvent(tx: EntityManager, id: string, event: EventFields): Promise<void> {
    await tx.query(
      `UPDATE events SET started_at = $2, ended_at = $3, article_count = $4,
         central_article_id = $5, title = $6, top_terms = $7, centroid = $8, updated_at = now()
       WHERE id = $1`,
      [
        id,
        event.startedAt,
        event.endedAt,
        event.articles,
        event.centralArticleId,
        event.title,
        event.topTerms,
        JSON.stringify(event.centroid),
      ],
    );
  }

  /** The article's membership, and its terms counted in the day's document frequencies. */
  async addMember(
    tx: EntityManager,
    member: {
      articleId: string;
      eventId: string;
      monitor: string;
      occurredAt: Date;
      similarity: number;
      terms: string[];
      vector: Record<string, number>;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO event_articles (article_id, event_id, monitor, occurred_at, similarity, terms, vector)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        member.articleId,
        member.eventId,
        member.monitor,
        member.occurredAt,
        member.similarity,
        member.terms,
        JSON.stringify(member.vector),
      ],
    );
    await tx.query(
      `INSERT INTO event_term_days (monitor, term, day, df)
       SELECT $1, t, ($2::timestamptz AT TIME ZONE 'UTC')::date, 1 FROM unnest($3::text[]) AS t
       ON CONFLICT (monitor, term, day) DO UPDATE SET df = event_term_days.df + 1`,
      [member.monitor, member.occurredAt, member.terms],
    );
  }

  /** Forgets every event of the monitor (or of every monitor) and the frequencies behind them. */
  async clear(tx: EntityManager, monitor: string): Promise<number> {
    const gone = await mapRow(
      tx,
      `WITH gone AS (DELETE FROM events WHERE monitor = $1 RETURNING id) SELECT count(*) AS n FROM gone`,
      [monitor],
      (row) => column.numeric(row, 'n'),
    );
    await tx.query(`DELETE FROM event_articles WHERE monitor = $1`, [monitor]);
    await tx.query(`DELETE FROM event_term_days WHERE monitor = $1`, [monitor]);
    return gone!;
  }

  /** Scored articles of the monitor in time order, a page at a time (for rebuild). */
  async scoredIds(
    monitor: string,
    after: { occurredAt: Date; id: string } | null,
    limit: number,
  ): Promise<{ id: string; occurredAt: Date }[]> {
    return mapRows(
      this.db,
      `SELECT id, occurred_at FROM articles
       WHERE $1 = ANY (monitors) AND status = 'scored'
         AND ($2::timestamptz IS NULL OR (occurred_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY occurred_at, id LIMIT $4`,
      [monitor, after?.occurredAt ?? null, after?.id ?? null, limit],
      (row) => ({ id: column.text(row, 'id'), occurredAt: column.time(row, 'occurred_at') }),
    );
  }

  /** Grouped articles and events of the monitor. */
  async counts(monitor: string): Promise<{ articles: number; events: number }> {
    const counts = await mapRow(
      this.db,
      `SELECT (SELECT count(*)::int FROM event_articles WHERE monitor = $1) AS articles,
              (SELECT count(*)::int FROM events WHERE monitor = $1) AS events`,
      [monitor],
      (row) => ({ articles: column.int(row, 'articles'), events: column.int(row, 'events') }),
    );
    return counts!;
  }

  monitorsWithScoredArticles(): Promise<string[]> {
    return mapRows(
      this.db,
      `SELECT DISTINCT unnest(monitors) AS monitor FROM articles WHERE status = 'scored'
       ORDER BY monitor`,
      [],
      (row) => column.text(row, 'monitor'),
    );
  }

  /**
   * Articles scored in the last `withinMs` (and at least `graceMs` ago) that are in no event of
   * one of their monitors, with that monitor.
   */
  async ungrouped(
    withinMs: number,
    graceMs: number,
    limit: number,
  ): Promise<{ id: string; monitor: string }[]> {
    return mapRows(
      this.db,
      `SELECT a.id, m.monitor FROM articles a CROSS JOIN LATERAL unnest(a.monitors) AS m(monitor)
       WHERE a.status = 'scored'
         AND a.scored_at > now() - make_interval(secs => $1 / 1000.0)
         AND a.scored_at < now() - make_interval(secs => $2 / 1000.0)
         AND NOT EXISTS (SELECT 1 FROM event_articles ea
                         WHERE ea.article_id = a.id AND ea.monitor = m.monitor)
       ORDER BY a.scored_at LIMIT $3`,
      [withinMs, graceMs, limit],
      toIdAndMonitor,
    );
  }

  // --- reads for the API ---

  async list(query: EventListQuery): Promise<EventRow[]> {
    return mapRows(
      this.db,
      `SELECT ${EVENT_COLUMNS}, ${MODE_COLUMNS[query.syndication]}
       FROM events
       WHERE monitor = $1 AND ended_at >= $2 AND started_at < $3
         AND ${MODE_COUNT[query.syndication]} >= $4
         AND ($5::text IS NULL OR title ILIKE '%' || $5 || '%' OR $5 = ANY(top_terms))
         AND ($6::timestamptz IS NULL OR (ended_at, id) < ($6::timestamptz, $7::uuid))
       ORDER BY ended_at DESC, id DESC
       LIMIT $8`,
      [
        query.monitor,
        query.from,
        query.to,
        query.minArticles,
        query.q,
        query.after?.endedAt ?? null,
        query.after?.id ?? null,
        query.limit,
      ],
      toEventRow,
    );
  }

  event(id: string, syndication: EventSyndication): Promise<EventRow | null> {
    return mapRow(
      this.db,
      `SELECT ${EVENT_COLUMNS}, ${MODE_COLUMNS[syndication]} FROM events WHERE id = $1`,
      [id],
      toEventRow,
    );
  }

  /** The event's articles in time order, with their wire groups. */
  async eventArticles(id: string, tx?: EntityManager): Promise<EventArticleRow[]> {
    return mapRows(
      tx ?? this.db,
      `SELECT a.id, a.title, a.source, a.url, a.occurred_at, ea.similarity, a.wire_group_id
       FROM event_articles ea JOIN articles a ON a.id = ea.article_id
       WHERE ea.event_id = $1 ORDER BY a.occurred_at, a.id`,
      [id],
      (row) => ({
        id: column.text(row, 'id'),
        title: column.textOrNull(row, 'title'),
        source: column.textOrNull(row, 'source'),
        url: column.textOrNull(row, 'url'),
        occurredAt: column.time(row, 'occurred_at'),
        similarity: column.float(row, 'similarity'),
        wireGroupId: column.textOrNull(row, 'wire_group_id'),
      }),
    );
  }

  async eventParagraphs(id: string, tx?: EntityManager): Promise<EventParagraph[]> {
    return mapRows(
      tx ?? this.db,
      `SELECT p.article_id, p.idx, p.side, p.speaker, p.text,
         CASE WHEN p.evidence_start IS NULL THEN NULL
              ELSE json_build_object('start', p.evidence_start, 'end', p.evidence_end) END AS evidence,
         p.tone_value,
         COALESCE((SELECT json_agg(json_build_object('frame', h.frame, 'phrase', h.phrase,
                     'negated', h.negated, 'start', h.start_offset, 'end', h.end_offset)
                     ORDER BY h.start_offset)
                   FROM framing_hits h WHERE h.paragraph_id = p.id), '[]') AS frames
       FROM event_articles ea
       JOIN paragraphs p ON p.article_id = ea.article_id AND p.monitor = ea.monitor
       WHERE ea.event_id = $1
       ORDER BY p.occurred_at, p.article_id, p.idx`,
      [id],
      toEventParagraph,
    );
  }

  /**
   * Runs `work` holding the event's readouts lock, so that of two refreshes of one event the
   * one that stores last has read last: figures stored never lag the wire groups they were
   * read with.
   */
  inReadoutsLock<T>(eventId: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtext('tonewatch-event-readouts'), hashtext($1))`,
        [eventId],
      );
      return work(tx);
    });
  }

  /**
   * The first statement of a refresh: the event is no longer stale. A link that marks it
   * stale again after this (its changes not yet visible to the refresh) waits for the
   * refresh's row lock and marks it once the refresh commits, so no link goes unrefreshed.
   */
  async clearStale(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE events SET readouts_stale = false WHERE id = $1 AND readouts_stale`, [
      id,
    ]);
  }

  /** Keeps the event's figures in both modes, and the sides they compare, with it, for the list and for alert rules. */
  async saveReadouts(tx: EntityManager, id: string, readouts: StoredReadouts): Promise<void> {
    await tx.query(
      `UPDATE events SET story_count = $2, asymmetry = $3, tone_gap = $4, asymmetry_sides = $5,
         asymmetry_all = $6, tone_gap_all = $7, asymmetry_sides_all = $8
       WHERE id = $1`,
      [
        id,
        readouts.stories,
        readouts.collapse?.score ?? null,
        readouts.collapse?.toneGap ?? null,
        readouts.collapse?.sides ?? null,
        readouts.all?.score ?? null,
        readouts.all?.toneGap ?? null,
        readouts.all?.sides ?? null,
      ],
    );
  }

  /**
   * Marks stale the events of articles whose wire group changed (inside the linking
   * transaction, so no link goes unnoticed); the stale-readouts sweep refreshes them.
   */
  async markStale(tx: EntityManager, articleIds: string[]): Promise<void> {
    if (articleIds.length === 0) return;
    await tx.query(
      `UPDATE events SET readouts_stale = true
       WHERE id IN (SELECT event_id FROM event_articles WHERE article_id = ANY($1::uuid[]))
         AND NOT readouts_stale`,
      [articleIds],
    );
  }

  /** Events whose figures a wire link made stale, oldest change first. */
  async staleEvents(limit: number): Promise<{ id: string; monitor: string }[]> {
    return mapRows(
      this.db,
      `SELECT id, monitor FROM events WHERE readouts_stale ORDER BY updated_at LIMIT $1`,
      [limit],
      toIdAndMonitor,
    );
  }
}
