import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const SOURCE_KINDS = ['rss', 'atom', 'page'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

@Entity({ name: 'sources' })
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: SourceKind;

  @Column({ type: 'text' })
  url!: string;

  /** a cron expression or an interval such as `15m` (see schedule.ts) */
  @Column({ type: 'text' })
  schedule!: string;

  /** the monitors its items are submitted with; `{auto}` lets the worker pick them */
  @Column({ type: 'text', array: true })
  monitors!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** validators of the last response processed in full, sent back as conditional headers */
  @Column({ type: 'text', nullable: true })
  etag!: string | null;

  @Column({ name: 'last_modified', type: 'text', nullable: true })
  lastModified!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
