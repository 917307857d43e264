import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type ToneLabel, type ToneTerm } from '../analysis';

/**
 * One analysed paragraph. monitor, source and occurred_at are copied from the article so that
 * dashboard aggregates filter and group on one table without a join.
 */
@Entity({ name: 'paragraphs' })
export class ParagraphEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId!: string;

  @Column({ name: 'idx', type: 'int' })
  index!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'start_offset', type: 'int' })
  startOffset!: number;

  @Column({ name: 'end_offset', type: 'int' })
  endOffset!: number;

  @Column({ type: 'text' })
  monitor!: string;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  side!: string;

  @Column({ type: 'text', nullable: true })
  speaker!: string | null;

  @Column({ name: 'side_reason', type: 'text' })
  sideReason!: string;

  @Column({ name: 'evidence_start', type: 'int', nullable: true })
  evidenceStart!: number | null;

  @Column({ name: 'evidence_end', type: 'int', nullable: true })
  evidenceEnd!: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  targets!: string[];

  @Column({ name: 'tone_value', type: 'real' })
  toneValue!: number;

  @Column({ name: 'tone_score', type: 'real' })
  toneScore!: number;

  @Column({ name: 'tone_comparative', type: 'real' })
  toneComparative!: number;

  @Column({ name: 'tone_label', type: 'text' })
  toneLabel!: ToneLabel;

  @Column({ name: 'tone_terms', type: 'jsonb', default: () => "'[]'" })
  toneTerms!: ToneTerm[];

  /** its article is a wire reprint, not the group's canonical article; set by src/wire */
  @Column({ type: 'boolean', default: false })
  reprint!: boolean;
}
