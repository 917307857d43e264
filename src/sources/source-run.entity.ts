import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_TRIGGERS = ['schedule', 'manual'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/**
 * One poll of a source. new_articles, duplicates and failed_items of a feed poll keep
 * growing after finished_at, as the per-item jobs it fanned out complete.
 */
@Entity({ name: 'source_runs' })
export class SourceRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  @Column({ type: 'text' })
  trigger!: RunTrigger;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'http_status', type: 'int', nullable: true })
  httpStatus!: number | null;

  @Column({ name: 'items_seen', type: 'int', default: 0 })
  itemsSeen!: number;

  @Column({ name: 'new_articles', type: 'int', default: 0 })
  newArticles!: number;

  @Column({ type: 'int', default: 0 })
  duplicates!: number;

  @Column({ name: 'failed_items', type: 'int', default: 0 })
  failedItems!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
