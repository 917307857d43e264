import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event an asymmetry rule's detector has already judged. */
@Entity({ name: 'alert_rule_events' })
export class AlertRuleEventEntity {
  @PrimaryColumn({ name: 'rule_id', type: 'uuid' })
  ruleId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** latest time the event can still reach (its start plus the longest span), for forgetting it */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
