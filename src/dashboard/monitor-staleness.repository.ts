import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { column, mapRows } from '../database/rows';

/**
 * Scored articles whose stored analysis under a monitor was made with another analysis version,
 * or with another version of that monitor (NULL, from before monitor versions were recorded,
 * counts as current). An article in several monitors counts in each whose analysis is stale.
 */
@Injectable()
export class MonitorStalenessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stale scored articles per monitor id, for monitors in `versions` (id to current version). */
  async staleCounts(
    analysisVersion: string,
    versions: Record<string, string>,
  ): Promise<Map<string, number>> {
    const rows = await mapRows(
      this.db,
      `SELECT x.monitor, count(*)::int AS stale
       FROM article_analyses x JOIN articles a ON a.id = x.article_id
       WHERE a.status = 'scored' AND $2::jsonb ? x.monitor
         AND (a.analysis_version IS DISTINCT FROM $1
              OR COALESCE(x.monitor_version, $2::jsonb ->> x.monitor) <> $2::jsonb ->> x.monitor)
       GROUP BY x.monitor`,
      [analysisVersion, JSON.stringify(versions)],
      (row): [string, number] => [column.text(row, 'monitor'), column.int(row, 'stale')],
    );
    return new Map(rows);
  }
}
