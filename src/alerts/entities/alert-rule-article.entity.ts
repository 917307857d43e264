import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An article a rule's detector has already observed. */
@Entity({ name: 'alert_rule_articles' })
export class AlertRuleArticleEntity {
  @PrimaryColumn({ name: 'rule_id', type: 'uuid' })
  ruleId!: string;

  @PrimaryColumn({ name: 'article_id', type: 'uuid' })
  articleId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
