// Every TypeORM entity. The schema itself comes from migrations/; test/integration/schema-drift
// checks that these entities and the migrations agree.
import { AlertDeliveryEntity } from '../alerts/entities/alert-delivery.entity';
import { AlertRuleArticleEntity } from '../alerts/entities/alert-rule-article.entity';
import { AlertRuleEventEntity } from '../alerts/entities/alert-rule-event.entity';
import { AlertRuleStateEntity } from '../alerts/entities/alert-rule-state.entity';
import { AlertRuleEntity } from '../alerts/entities/alert-rule.entity';
import { AlertEntity } from '../alerts/entities/alert.entity';
import { ArticleAnalysisEntity } from '../articles/article-analysis.entity';
import { ArticleEntity } from '../articles/article.entity';
import { FramingHitEntity } from '../scoring/framing-hit.entity';
import { ParagraphEntity } from '../scoring/paragraph.entity';
import { SourceItemEntity } from '../sources/source-item.entity';
import { SourceRunEntity } from '../sources/source-run.entity';
import { SourceEntity } from '../sources/source.entity';
import { ParagraphFingerprintEntity } from '../wire/paragraph-fingerprint.entity';

export const ENTITIES = [
  ArticleEntity,
  ArticleAnalysisEntity,
  ParagraphEntity,
  FramingHitEntity,
  SourceEntity,
  SourceRunEntity,
  SourceItemEntity,
  ParagraphFingerprintEntity,
  AlertRuleEntity,
  AlertRuleStateEntity,
  AlertRuleArticleEntity,
  AlertRuleEventEntity,
  AlertEntity,
  AlertDeliveryEntity,
];
