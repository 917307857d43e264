import { Entity, PrimaryColumn } from 'typeorm';

/** A normalised paragraph hash of an article; shared hashes reveal reprinted wire copy. */
@Entity({ name: 'paragraph_fingerprints' })
export class ParagraphFingerprintEntity {
  @PrimaryColumn({ type: 'text' })
  fingerprint!: string;

  @PrimaryColumn({ name: 'article_id', type: 'uuid' })
  articleId!: string;
}
