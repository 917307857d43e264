import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import { type RunTrigger } from './source-run.entity';

export interface RunOutcome {
  httpStatus: number | null;
  itemsSeen?: number;
  newArticles?: number;
  duplicates?: number;
  error?: string | null;
}

export type ItemOutcome = 'stored' | 'duplicate' | 'failed';

/**
 * One poll. newArticles, duplicates and failedItems of a feed poll keep growing after
 * finishedAt, as the per-item jobs it fanned out complete.
 */
export interface SourceRun {
  id: string;
  sourceId: string;
  trigger: RunTrigger;
  startedAt: Date;
  finishedAt: Date | null;
  httpStatus: number | null;
  itemsSeen: number;
  newArticles: number;
  duplicates: number;
  failedItems: number;
  error: string | null;
}

function toRun(row: DbRow): SourceRun {
  return {
    id: column.text(row, 'id'),
    sourceId: column.text(row, 'source_id'),
    trigger: column.text(row, 'trigger') as RunTrigger,
    startedAt: column.time(row, 'started_at'),
    finishedAt: column.timeOrNull(row, 'finished_at'),
    httpStatus: column.intOrNull(row, 'http_status'),
    itemsSeen: column.int(row, 'items_seen'),
    newArticles: column.int(row, 'new_articles'),
    duplicates: column.int(row, 'duplicates'),
    failedItems: column.int(row, 'failed_items'),
    error: column.textOrNull(row, 'error'),
  };
}

@Injectable()
export class SourceRunsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async start(sourceId: string, trigger: RunTrigger): Promise<string> {
    const id = await mapRow(
      this.db,
      `INSERT INTO source_runs (source_id, trigger) VALUES ($1, $2) RETURNING id`,
      [sourceId, trigger],
      (row) => column.text(row, 'id'),
    );
    return id!;
  }

  /** Counters are added, because item jobs of a fast feed may already have counted theirs. */
  async finish(runId: string, outcome: RunOutcome): Promise<void> {
    await this.db.query(
      `UPDATE source_runs
       SET finished_at = now(), http_status = $2, items_seen = $3,
           new_articles = new_articles + $4, duplicates = duplicates + $5, error = $6
       WHERE id = $1`,
      [
        runId,
        outcome.httpStatus,
        outcome.itemsSeen ?? 0,
        outcome.newArticles ?? 0,
        outcome.duplicates ?? 0,
        outcome.error ?? null,
      ],
    );
  }

  recent(sourceId: string, limit: number): Promise<SourceRun[]> {
    return mapRows(
      this.db,
      `SELECT id, source_id, trigger, started_at, finished_at, http_status, items_seen,
              new_articles, duplicates, failed_items, error
       FROM source_runs WHERE source_id = $1
       ORDER BY started_at DESC, id DESC
       LIMIT $2`,
      [sourceId, limit],
      toRun,
    );
  }
}
