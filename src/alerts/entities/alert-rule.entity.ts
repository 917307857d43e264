import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { type DetectorSettings, type Direction, type Metric } from '../detection';

export interface WebhookTarget {
  url: string;
  /** shared secret for the X-Tonewatch-Signature HMAC; never returned by the API */
  secret?: string;
}

@Entity({ name: 'alert_rules' })
export class AlertRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  monitor!: string;

  @Column({ type: 'text' })
  side!: string;

  /** outlets to watch; empty watches every outlet */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sources!: string[];

  @Column({ type: 'text' })
  metric!: Metric;

  /** frame id for `frame-rate` */
  @Column({ type: 'text', nullable: true })
  frame!: string | null;

  /** matched phrase for `frame-rate`, case-insensitive, as an alternative to a frame id */
  @Column({ type: 'text', nullable: true })
  phrase!: string | null;

  @Column({ type: 'text' })
  direction!: Direction;

  /** collapse: a wire story counts once; all: every outlet's copy */
  @Column({ type: 'text', default: 'collapse' })
  syndication!: 'collapse' | 'all';

  @Column({ type: 'jsonb' })
  detector!: DetectorSettings;

  @Column({ name: 'min_paragraphs', type: 'int' })
  minParagraphs!: number;

  @Column({ name: 'min_articles', type: 'int' })
  minArticles!: number;

  @Column({ name: 'min_outlets', type: 'int' })
  minOutlets!: number;

  @Column({ name: 'hold_seconds', type: 'int' })
  holdSeconds!: number;

  @Column({ name: 'keep_firing_seconds', type: 'int' })
  keepFiringSeconds!: number;

  @Column({ name: 'cooldown_seconds', type: 'int' })
  cooldownSeconds!: number;

  @Column({ name: 'resolve_fraction', type: 'double precision' })
  resolveFraction!: number;

  @Column({ name: 'silence_after_seconds', type: 'int', nullable: true })
  silenceAfterSeconds!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  webhooks!: WebhookTarget[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
