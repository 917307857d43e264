/**
 * The events queue's job: put scored articles into their events. One job per scoring chunk
 * (AssignEventsJob, the ids only); one article (AssignEventJob) for the sweep, an article
 * split out of its chunk after its placement failed, and the jobs of earlier releases.
 */
export const ASSIGN_EVENT_JOB = 'assign-event';

export interface AssignEventJob {
  articleId: string;
  /** the monitor to group the article in; absent in jobs of earlier releases (its first) */
  monitor?: string;
}

export interface AssignEventsJob {
  articles: { articleId: string; monitor: string }[];
}

export type EventsJobData = AssignEventJob | AssignEventsJob;

/** The assignments a job asks for, whichever of the two shapes it has. */
export function jobAssignments(data: EventsJobData): AssignEventJob[] {
  return 'articles' in data ? data.articles : [data];
}

/**
 * One job per scoring job that completed (`key` is its id: a chunk's is unique, an article's
 * names the article and its analysis run), so a re-analysis asks again and refreshes the
 * event's figures, while two deliveries of one completion (every worker hears it) add one job.
 * BullMQ refuses ':' in custom ids.
 */
export function assignEventJobId(key: string): string {
  return `event-${key.replace(/:/g, '-')}`;
}

/**
 * The monitors of the articles now in an event, from an assignment job's return value (an
 * AssignResult, or a chunk's `{ articles: AssignResult[] }`; a JSON string in a queue event);
 * none when no article is in an event.
 */
export function groupedMonitorsOf(returnvalue: unknown): string[] {
  let value = returnvalue;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (typeof value !== 'object' || value === null) return [];
  const results: unknown[] =
    'articles' in value && Array.isArray(value.articles) ? value.articles : [value];
  const monitors = new Set<string>();
  for (const result of results) {
    if (typeof result !== 'object' || result === null) continue;
    const { monitor, eventId } = result as { monitor?: unknown; eventId?: unknown };
    if (typeof monitor === 'string' && typeof eventId === 'string') monitors.add(monitor);
  }
  return [...monitors];
}
