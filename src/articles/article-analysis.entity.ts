import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One monitor's stored analysis of an article: what the last store of the article recorded
 * for that monitor. Replaced, for all of the article's monitors at once, by every store. The
 * analysis version is the article's (articles.analysis_version): one run, one build.
 */
@Entity({ name: 'article_analyses' })
export class ArticleAnalysisEntity {
  @PrimaryColumn({ name: 'article_id', type: 'uuid' })
  articleId!: string;

  @PrimaryColumn({ type: 'text' })
  monitor!: string;

  @Column({ name: 'analysis_run', type: 'int' })
  analysisRun!: number;

  /** content hash of the monitor the analysis was made with (see monitorVersion) */
  @Column({ name: 'monitor_version', type: 'text', nullable: true })
  monitorVersion!: string | null;

  @Column({ type: 'int' })
  paragraphs!: number;

  @Column({ name: 'scored_at', type: 'timestamptz' })
  scoredAt!: Date;
}
