import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type AlertChannel, type EvidenceEvent, type EvidenceParagraph } from '../detection';

export const ALERT_STATES = ['firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** One episode of one rule in one direction, from firing to resolution. */
@Entity({ name: 'alerts' })
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'rule_id', type: 'uuid', nullable: true })
  ruleId!: string | null;

  @Column({ name: 'rule_name', type: 'text' })
  ruleName!: string;

  @Column({ type: 'text' })
  monitor!: string;

  @Column({ type: 'text' })
  side!: string;

  @Column({ type: 'text' })
  metric!: string;

  @Column({ type: 'text' })
  channel!: AlertChannel;

  @Column({ type: 'text' })
  state!: AlertState;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'onset_at', type: 'timestamptz' })
  onsetAt!: Date;

  @Column({ type: 'double precision' })
  baseline!: number;

  @Column({ type: 'double precision' })
  current!: number;

  @Column({ type: 'double precision' })
  shift!: number;

  @Column({ name: 'shift_sd', type: 'double precision', nullable: true })
  shiftSd!: number | null;

  @Column({ type: 'double precision' })
  statistic!: number;

  @Column({ type: 'double precision' })
  threshold!: number;

  @Column({ type: 'int' })
  articles!: number;

  @Column({ type: 'int' })
  outlets!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence!: EvidenceParagraph[];

  /** asymmetry: the events behind the alert */
  @Column({ name: 'evidence_events', type: 'jsonb', default: () => "'[]'" })
  evidenceEvents!: EvidenceEvent[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
