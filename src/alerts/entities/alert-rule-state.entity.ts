import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { type DetectorState } from '../detection';

/** A rule's detector between evaluations, and the last paragraph it has seen. */
@Entity({ name: 'alert_rule_states' })
export class AlertRuleStateEntity {
  @PrimaryColumn({ name: 'rule_id', type: 'uuid' })
  ruleId!: string;

  @Column({ type: 'jsonb' })
  state!: DetectorState;

  @Column({ name: 'watermark_occurred_at', type: 'timestamptz' })
  watermarkOccurredAt!: Date;

  @Column({ name: 'watermark_paragraph_id', type: 'bigint', nullable: true })
  watermarkParagraphId!: string | null;

  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true })
  evaluatedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
