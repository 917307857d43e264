import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Scored articles whose stored analysis was made with another analysis version, or with another
 * version of their monitor (NULL, from before monitor versions were recorded, counts as current).
 */
@Injectable()
export class MonitorStalenessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stale scored articles per monitor id, for monitors in `versions` (id to current version). */
  async staleCounts(
    analysisVersion: string,
    versions: Record<string, string>,
  ): Promise<Map<string, number>> {
    const rows = await this.db.query<{ monitor: string; stale: number }[]>(
      `SELECT monitor, count(*)::int AS stale
       FROM articles
       WHERE status = 'scored' AND $2::jsonb ? monitor
         AND (analysis_version IS DISTINCT FROM $1
              OR COALESCE(monitor_version, $2::jsonb ->> monitor) <> $2::jsonb ->> monitor)
       GROUP BY monitor`,
      [analysisVersion, JSON.stringify(versions)],
    );
    return new Map(rows.map((r) => [r.monitor, r.stale]));
  }
}
