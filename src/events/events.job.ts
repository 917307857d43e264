/** The events queue's one job: put a scored article into its event (payload: the article id). */
export const ASSIGN_EVENT_JOB = 'assign-event';

export interface AssignEventJob {
  articleId: string;
  /** the monitor to group the article in; absent in jobs of earlier releases (its first) */
  monitor?: string;
}

/**
 * One job per scoring job that completed (`key` is its id, which names the article and its
 * analysis run), so a re-analysis asks again and refreshes the event's figures, while two
 * deliveries of one completion add one job. BullMQ refuses ':' in custom ids.
 */
export function assignEventJobId(key: string): string {
  return `event-${key.replace(/:/g, '-')}`;
}

/**
 * The monitor of an article now in an event, from an assignment job's return value (an
 * AssignResult; a JSON string in a queue event); null when the article is in no event.
 */
export function groupedMonitorOf(returnvalue: unknown): string | null {
  let value = returnvalue;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const { monitor, eventId } = value as { monitor?: unknown; eventId?: unknown };
  return typeof monitor === 'string' && typeof eventId === 'string' ? monitor : null;
}
