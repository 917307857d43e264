// Every TypeORM entity. The schema itself comes from migrations/; test/integration/schema-drift
// checks that these entities and the migrations agree.
import { ArticleEntity } from '../ingestion/article.entity';
import { FramingHitEntity } from '../scoring/framing-hit.entity';
import { ParagraphEntity } from '../scoring/paragraph.entity';

export const ENTITIES = [ArticleEntity, ParagraphEntity, FramingHitEntity];
