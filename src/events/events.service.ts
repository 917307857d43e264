import { Injectable, Logger } from '@nestjs/common';
import { getMonitor } from '../analysis';
import {
  articleTerms,
  articleVector,
  candidateWindow,
  centralIndex,
  chooseEvent,
  compareReadouts,
  countedCopies,
  frequencyWindow,
  joinEvent,
  newEvent,
  topTerms,
  vectorFromJson,
  vectorToJson,
  type EventState,
} from './core';
import { EventsRepository, type StoredEvent } from './events.repository';

export interface AssignResult {
  articleId: string;
  /** the article's monitor (null when the article is gone): alert rules of it may look again */
  monitor: string | null;
  /** null: the article is not scored (or is gone), so it is in no event */
  eventId: string | null;
  /** true when this call put the article into its event (false: it was there already) */
  assigned: boolean;
  /** true when this call started the event */
  created: boolean;
}

/** An article of a chunk whose placement threw; the rest of its chunk was placed. */
export interface AssignFailure {
  articleId: string;
  monitor?: string;
  error: Error;
}

const TITLE_TERMS = 5;

function stateOf(row: StoredEvent): EventState {
  return {
    id: row.id,
    startedAt: row.startedAt.getTime(),
    endedAt: row.endedAt.getTime(),
    centroid: vectorFromJson(row.centroid),
    articles: row.articles,
  };
}

/** Groups scored articles into events as they arrive, and regroups a monitor's history. */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(private readonly repository: EventsRepository) {}

  /**
   * Puts a scored article into the best open event of one of its monitors (its first when
   * none is given: a job of an earlier release), or starts one (see
   * src/events/core/grouping.ts). Idempotent: an article already in an event stays there, so a
   * job delivered twice or an article analysed again changes nothing in the grouping. Articles
   * of one monitor join one at a time (an advisory lock), so two articles of a new event
   * arriving together cannot start two events. Refreshes the event's asymmetry afterwards: a
   * re-analysis may have changed its paragraphs.
   */
  async assign(articleId: string, inMonitor?: string): Promise<AssignResult> {
    const result = await this.place(articleId, inMonitor);
    if (result.eventId) await this.refreshReadouts(result.eventId, result.monitor!);
    return result;
  }

  /**
   * assign() for the articles of a chunk, in their order, each in its own transaction under its
   * monitor's lock; the readouts of every event they are in are refreshed once at the end, not
   * once per article (a refresh reads all of the event's paragraphs). An article whose
   * placement throws is reported in `failures` and the others are placed without it; a refresh
   * that throws is thrown, and running the chunk again is safe (placement is idempotent).
   */
  async assignMany(
    items: { articleId: string; monitor?: string }[],
  ): Promise<{ results: AssignResult[]; failures: AssignFailure[] }> {
    const results: AssignResult[] = [];
    const failures: AssignFailure[] = [];
    for (const item of items) {
      try {
        results.push(await this.place(item.articleId, item.monitor));
      } catch (error) {
        failures.push({
          ...item,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    }
    const events = new Map<string, string>();
    for (const r of results) if (r.eventId) events.set(r.eventId, r.monitor!);
    for (const [eventId, monitor] of events) await this.refreshReadouts(eventId, monitor);
    return { results, failures };
  }

  /** assign() without the refresh of the event's readouts. */
  private async place(articleId: string, inMonitor?: string): Promise<AssignResult> {
    const monitor = inMonitor ?? (await this.repository.monitorsOf(articleId))?.[0] ?? null;
    if (monitor === null) {
      return { articleId, monitor, eventId: null, assigned: false, created: false };
    }
    return this.repository.inMonitorLock(monitor, async (tx) => {
      const existing = await this.repository.eventOf(tx, articleId, monitor);
      if (existing) {
        return { articleId, monitor, eventId: existing, assigned: false, created: false };
      }
      const article = await this.repository.scoredArticle(tx, articleId, monitor);
      if (!article) return { articleId, monitor, eventId: null, assigned: false, created: false };

      const t = article.occurredAt.getTime();
      const terms = articleTerms(article.title, article.body, article.monitor);
      const termList = [...terms.keys()];
      const { fromDay, toDay } = frequencyWindow(t);
      const frequencies = await this.repository.documentFrequencies(
        tx,
        article.monitor,
        fromDay,
        toDay,
        termList,
      );
      const vector = articleVector(terms, frequencies);
      const grouped = { occurredAt: t, vector };
      const window = candidateWindow(t);
      const candidates = (
        await this.repository.candidateEvents(
          tx,
          article.monitor,
          new Date(window.from),
          new Date(window.to),
        )
      ).map(stateOf);
      const choice = chooseEvent(grouped, candidates);

      let eventId: string;
      if (choice.eventId === null) {
        const event = newEvent('new', grouped);
        eventId = await this.repository.insertEvent(tx, {
          monitor: article.monitor,
          startedAt: article.occurredAt,
          endedAt: article.occurredAt,
          articles: 1,
          centralArticleId: article.id,
          title: article.title?.trim() || topTerms(event.centroid, TITLE_TERMS).join(', '),
          topTerms: topTerms(event.centroid, 10),
          centroid: vectorToJson(event.centroid),
        });
      } else {
        eventId = choice.eventId;
        const joined = joinEvent(
          candidates.find((c) => c.id === eventId)!,
          grouped,
        );
        const members = await this.repository.members(tx, eventId);
        const all = [
          ...members.map((m) => ({
            id: m.articleId,
            title: m.title,
            vector: vectorFromJson(m.vector),
          })),
          { id: article.id, title: article.title, vector },
        ];
        // the most central article that has a title names the event
        const titled = all.filter((m) => m.title?.trim());
        const pool = titled.length > 0 ? titled : all;
        const central =
          pool[
            centralIndex(
              joined.centroid,
              pool.map((m) => m.vector),
            )
          ];
        await this.repository.updateEvent(tx, eventId, {
          startedAt: new Date(joined.startedAt),
          endedAt: new Date(joined.endedAt),
          articles: joined.articles,
          centralArticleId: central.id,
          title: central.title?.trim() || topTerms(joined.centroid, TITLE_TERMS).join(', '),
          topTerms: topTerms(joined.centroid, 10),
          centroid: vectorToJson(joined.centroid),
        });
      }
      await this.repository.addMember(tx, {
        articleId: article.id,
        eventId,
        monitor: article.monitor,
        occurredAt: article.occurredAt,
        similarity: choice.similarity,
        terms: termList,
        vector: vectorToJson(vector),
      });
      return { articleId, monitor, eventId, assigned: true, created: choice.eventId === null };
    });
  }

  /**
   * Each side's account of the event, and its asymmetry and article count stored with the
   * event for lists and alerts, in both syndication modes: `collapse` counts one copy of each
   * wire story in the event (see countedCopies), `all` every copy. Read and stored under the
   * event's readouts lock, from the wire groups as they are now.
   */
  async refreshReadouts(eventId: string, monitor: string): Promise<void> {
    await this.repository.inReadoutsLock(eventId, async (tx) => {
      await this.repository.clearStale(tx, eventId);
      const articles = await this.repository.eventArticles(eventId, tx);
      const paragraphs = await this.repository.eventParagraphs(eventId, tx);
      const counted = countedCopies(articles);
      const stories = new Set(counted.values());
      const sides = sideIdsOf(monitor);
      const all = compareReadouts(paragraphs, sides, monitor).asymmetry;
      const collapse = compareReadouts(
        paragraphs.filter((p) => counted.get(p.articleId) === p.articleId),
        sides,
        monitor,
      ).asymmetry;
      await this.repository.saveReadouts(tx, eventId, { stories: stories.size, collapse, all });
    });
  }

  /** Refreshes events a wire link made stale; returns how many. */
  async refreshStale(limit: number): Promise<number> {
    const stale = await this.repository.staleEvents(limit);
    for (const { id, monitor } of stale) await this.refreshReadouts(id, monitor);
    return stale.length;
  }

  /**
   * Regroups the stored history of one monitor (or of every monitor with scored articles): its
   * events are dropped, then its scored articles are grouped again one by one in time order,
   * as the worker would have grouped them had they arrived in that order.
   */
  async rebuild(
    monitor?: string,
    progress?: (line: string) => void,
  ): Promise<{ monitor: string; articles: number; events: number; dropped: number }[]> {
    const monitors = monitor ? [monitor] : await this.repository.monitorsWithScoredArticles();
    const results = [];
    for (const m of monitors) {
      const dropped = await this.repository.inMonitorLock(m, (tx) => this.repository.clear(tx, m));
      let seen = 0;
      let after: { occurredAt: Date; id: string } | null = null;
      for (;;) {
        const page = await this.repository.scoredIds(m, after, 500);
        if (page.length === 0) break;
        // an article a worker grouped meanwhile (scored during the rebuild) is left where it is
        for (const { id } of page) await this.assign(id, m);
        seen += page.length;
        after = page[page.length - 1];
        progress?.(`${m}: ${seen} scored articles regrouped so far`);
      }
      const { articles, events } = await this.repository.counts(m);
      this.logger.log(`events rebuilt for ${m}: ${articles} articles, ${events} events`);
      results.push({ monitor: m, articles, events, dropped });
    }
    return results;
  }
}

/** The monitor's side ids, or none for a monitor this deployment no longer has. */
export function sideIdsOf(monitor: string): string[] {
  try {
    return getMonitor(monitor).sides.map((s) => s.id);
  } catch {
    return [];
  }
}
