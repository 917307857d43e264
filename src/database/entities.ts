// Every TypeORM entity. The schema itself comes from migrations/; test/integration/schema-drift
// checks that these entities and the migrations agree.
import { ArticleEntity } from '../ingestion/article.entity';
import { FramingHitEntity } from '../scoring/framing-hit.entity';
import { ParagraphEntity } from '../scoring/paragraph.entity';
import { SourceItemEntity } from '../sources/source-item.entity';
import { SourceRunEntity } from '../sources/source-run.entity';
import { SourceEntity } from '../sources/source.entity';
import { ParagraphFingerprintEntity } from '../wire/paragraph-fingerprint.entity';

export const ENTITIES = [
  ArticleEntity,
  ParagraphEntity,
  FramingHitEntity,
  SourceEntity,
  SourceRunEntity,
  SourceItemEntity,
  ParagraphFingerprintEntity,
];
