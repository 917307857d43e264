import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SourceRunEntity, type RunTrigger } from './source-run.entity';

export interface RunOutcome {
  httpStatus: number | null;
  itemsSeen?: number;
  newArticles?: number;
  duplicates?: number;
  error?: string | null;
}

export type ItemOutcome = 'stored' | 'duplicate' | 'failed';

@Injectable()
export class SourceRunsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async start(sourceId: string, trigger: RunTrigger): Promise<string> {
    const rows = await this.db.query<{ id: string }[]>(
      `INSERT INTO source_runs (source_id, trigger) VALUES ($1, $2) RETURNING id`,
      [sourceId, trigger],
    );
    return rows[0].id;
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

  recent(sourceId: string, limit: number): Promise<SourceRunEntity[]> {
    return this.db.getRepository(SourceRunEntity).find({
      where: { sourceId },
      order: { startedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
