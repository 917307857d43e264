/** Every BullMQ queue Tonewatch uses. Job payloads carry ids only; Postgres holds the state. */
export const QUEUES = {
  scoring: 'scoring',
  /** alert rule evaluations (debounced after scoring, and periodic) */
  alerts: 'alerts',
  /** webhook deliveries of alerts, retried apart from everything else */
  webhooks: 'webhooks',
  /** polls of sources (scheduled or on demand) and the per-item fetches they fan out */
  sources: 'sources',
  /** event grouping of scored articles (see src/events) */
  events: 'events',
} as const;
