import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { type ArticleStatus } from './article-status';

@Entity({ name: 'articles' })
export class ArticleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /**
   * The monitors the article is analysed under, in the order named (picked by `auto`: most
   * involved first). Holds only the monitors named explicitly while auto_monitors is set.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  monitors!: string[];

  /** a submission asked for `auto` and the worker has not picked yet (see article_analyses) */
  @Column({ name: 'auto_monitors', type: 'boolean', default: false })
  autoMonitors!: boolean;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** published time when known, else arrival time: the time every aggregate filters on */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  body!: string;

  /** sha256 of the normalised text; the same content posted twice is one article */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @Column({ type: 'text' })
  status!: ArticleStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'analysis_version', type: 'text', nullable: true })
  analysisVersion!: string | null;

  /** bumped on every re-analysis so each run gets a fresh BullMQ job id */
  @Column({ name: 'analysis_run', type: 'int', default: 0 })
  analysisRun!: number;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** the scoring job (one chunk of articles) that carries the current run; see the requeue sweep */
  @Column({ name: 'scoring_job', type: 'text', nullable: true })
  scoringJob!: string | null;

  @Column({ name: 'scored_at', type: 'timestamptz', nullable: true })
  scoredAt!: Date | null;

  /** the canonical (first stored) article of the wire story this one carries, itself included; see src/wire */
  @Column({ name: 'wire_group_id', type: 'uuid', nullable: true })
  wireGroupId!: string | null;

  /** posted and not yet linked to its reprints (linking follows scoring); see src/wire */
  @Column({ name: 'wire_pending', type: 'boolean', default: false })
  wirePending!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
