import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import { type FeedItem } from './feed-parser';
import { type ItemOutcome } from './source-runs.repository';

export interface PendingItem {
  id: string;
  url: string;
  title: string | null;
  publishedAt: Date | null;
  runId: string | null;
  sourceId: string | null;
  sourceName: string | null;
  /** the source's monitors; null when the source is gone */
  monitors: string[] | null;
  status: string;
}

function toPendingItem(row: DbRow): PendingItem {
  return {
    id: column.text(row, 'id'),
    url: column.text(row, 'url'),
    title: column.textOrNull(row, 'title'),
    publishedAt: column.timeOrNull(row, 'published_at'),
    runId: column.textOrNull(row, 'run_id'),
    sourceId: column.textOrNull(row, 'source_id'),
    sourceName: column.textOrNull(row, 'source_name'),
    monitors: column.textArrayOrNull(row, 'monitors'),
    status: column.text(row, 'status'),
  };
}

@Injectable()
export class SourceItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records the items whose url is neither a known item (from this feed or any other) nor
   * an article already stored (posted through the API, say), and returns only those: they
   * are the ones to fetch.
   */
  insertUnseen(
    sourceId: string,
    runId: string,
    items: FeedItem[],
  ): Promise<{ id: string; url: string }[]> {
    return mapRows(
      this.db,
      `INSERT INTO source_items (url, source_id, run_id, title, published_at, status)
       SELECT item.url, $1, $2, item.title, item.published_at, 'pending'
       FROM unnest($3::text[], $4::text[], $5::timestamptz[]) AS item (url, title, published_at)
       WHERE NOT EXISTS (SELECT 1 FROM articles WHERE articles.url = item.url)
       ON CONFLICT (url) DO NOTHING
       RETURNING id, url`,
      [
        sourceId,
        runId,
        items.map((i) => i.url),
        items.map((i) => i.title),
        items.map((i) => i.publishedAt),
      ],
      (row) => ({ id: column.text(row, 'id'), url: column.text(row, 'url') }),
    );
  }

  findWithSource(itemId: string): Promise<PendingItem | null> {
    return mapRow(
      this.db,
      `SELECT item.id, item.url, item.title, item.published_at, item.run_id, item.source_id,
              source.name AS source_name, source.monitors, item.status
       FROM source_items item
       LEFT JOIN sources source ON source.id = item.source_id
       WHERE item.id = $1`,
      [itemId],
      toPendingItem,
    );
  }

  /**
   * Moves a pending item to its outcome and counts it towards the poll that found it, in
   * one statement. An item already settled (by an earlier delivery of the same job) is left
   * alone, so each item is counted once.
   */
  async settle(
    itemId: string,
    outcome: ItemOutcome,
    articleId: string | null,
    error: string | null,
  ): Promise<void> {
    await this.db.query(
      `WITH settled AS (
         UPDATE source_items SET status = $2, article_id = $3, error = $4, updated_at = now()
         WHERE id = $1 AND status = 'pending'
         RETURNING run_id
       )
       UPDATE source_runs
       SET new_articles = new_articles + ($2 = 'stored')::int,
           duplicates = duplicates + ($2 = 'duplicate')::int,
           failed_items = failed_items + ($2 = 'failed')::int,
           error = COALESCE(error, $4)
       FROM settled
       WHERE source_runs.id = settled.run_id`,
      [itemId, outcome, articleId, error],
    );
  }
}
