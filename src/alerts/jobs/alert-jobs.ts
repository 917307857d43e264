/** Jobs of the `alerts` and `webhooks` queues. Payloads carry ids only; Postgres holds the state. */
export const EVALUATE_RULE_JOB = 'evaluate-rule';
export const EVALUATE_ALL_JOB = 'evaluate-all';
export const DELIVER_WEBHOOK_JOB = 'deliver-webhook';

/** Scheduler id of the periodic evaluation of every enabled rule. */
export const EVALUATION_SCHEDULER_ID = 'evaluate-all-rules';

export interface EvaluateRuleJob {
  ruleId: string;
}

export interface DeliverWebhookJob {
  deliveryId: string;
}
