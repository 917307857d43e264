/** Every BullMQ queue Tonewatch uses. Job payloads carry ids only; Postgres holds the state. */
export const QUEUES = {
  scoring: 'scoring',
} as const;
