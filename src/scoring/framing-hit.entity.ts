import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One framing phrase found in a paragraph, attributed to the side that says it. */
@Entity({ name: 'framing_hits' })
export class FramingHitEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'paragraph_id', type: 'bigint' })
  paragraphId!: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId!: string;

  @Column({ type: 'text' })
  frame!: string;

  @Column({ type: 'text' })
  phrase!: string;

  @Column({ type: 'text' })
  side!: string;

  @Column({ type: 'boolean' })
  negated!: boolean;

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

  /** as its paragraph's: the hit is in a wire reprint (src/wire) */
  @Column({ type: 'boolean', default: false })
  reprint!: boolean;
}
