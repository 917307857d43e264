import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ReanalysisSelection {
  /** only this monitor's articles */
  monitor?: string;
  /** only articles not scored by this analysis version; all finished articles when absent */
  notVersion?: string;
  /**
   * with notVersion: also articles whose monitor version is not the current one of their
   * monitor (monitor id to version; monitors absent from it are left to notVersion)
   */
  monitorVersions?: Record<string, string>;
  limit: number;
}

@Injectable()
export class ReanalysisRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Starts a new analysis run for finished articles (scored or failed): the bumped run number
   * gives each a fresh job id, and `queued` lets the requeue sweep finish the job if Redis
   * does not take it now. Articles already waiting or being scored are left alone.
   */
  async startRun(selection: ReanalysisSelection): Promise<{ id: string; analysisRun: number }[]> {
    return this.db.query<{ id: string; analysisRun: number }[]>(
      `WITH picked AS (
         SELECT id FROM articles
         WHERE status IN ('scored', 'failed')
           AND ($1::text IS NULL OR monitor = $1)
           AND ($2::text IS NULL OR analysis_version IS DISTINCT FROM $2
                OR ($4::jsonb ? monitor
                    AND COALESCE(monitor_version, $4::jsonb ->> monitor) <> $4::jsonb ->> monitor))
         ORDER BY occurred_at DESC
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       ), restarted AS (
         UPDATE articles a
         SET analysis_run = a.analysis_run + 1, status = 'queued', attempts = 0,
             last_error = NULL, updated_at = now()
         FROM picked WHERE a.id = picked.id
         RETURNING a.id, a.analysis_run
       )
       SELECT id, analysis_run AS "analysisRun" FROM restarted`,
      [
        selection.monitor ?? null,
        selection.notVersion ?? null,
        selection.limit,
        JSON.stringify(selection.monitorVersions ?? {}),
      ],
    );
  }
}
