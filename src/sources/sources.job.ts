import { createHash } from 'node:crypto';
import { type RunTrigger } from './source-run.entity';

/** Jobs of the sources queue; payloads carry ids only, Postgres holds the state. */
export const POLL_SOURCE_JOB = 'poll-source';
export const FETCH_ITEM_JOB = 'fetch-item';

export interface PollSourceJob {
  sourceId: string;
  trigger: RunTrigger;
}

export interface FetchItemJob {
  itemId: string;
}

export type SourcesJob = PollSourceJob | FetchItemJob;

export function schedulerId(sourceId: string): string {
  return `source:${sourceId}`;
}

/**
 * Derived from the item's url, so the same article in two feeds, or in two polls of one
 * feed, is one job. BullMQ rejects custom ids holding ':' (its own key separator).
 */
export function fetchItemJobId(url: string): string {
  return `item-${createHash('sha256').update(url).digest('hex').slice(0, 40)}`;
}
