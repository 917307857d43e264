/** Every BullMQ queue Tonewatch uses. Job payloads carry ids only; Postgres holds the state. */
export const QUEUES = {
  scoring: 'scoring',
  /** polls of sources (scheduled or on demand) and the per-item fetches they fan out */
  sources: 'sources',
} as const;
