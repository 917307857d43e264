import { Injectable } from '@nestjs/common';
import { paragraphFingerprints } from './fingerprint';
import {
  type ArticleFingerprints,
  type BackfillOutcome,
  WireStoriesRepository,
} from './wire-stories.repository';

/** Share of an article's fingerprinted paragraphs another article must also carry. */
export const WIRE_MATCH_SHARE = 0.5;

/** Articles one backfill batch (one transaction) fingerprints and links. */
export const BACKFILL_BATCH = 100;

function fingerprintsOf(body: string): ArticleFingerprints {
  const fingerprints = paragraphFingerprints(body);
  return {
    fingerprints,
    minShared: Math.max(1, Math.ceil(fingerprints.length * WIRE_MATCH_SHARE)),
  };
}

export interface BackfillTotals extends Omit<BackfillOutcome, 'claimed'> {
  /** entries still queued when the run stopped (0 once drained) */
  left: number;
}

/** One line for logs and the CLI. */
export function describeBackfill(t: BackfillTotals): string {
  return `${t.fingerprinted} article(s) fingerprinted, ${t.changed} moved into wire groups, ${t.left} left`;
}

/**
 * Links reprints of one wire story, once an article is scored: an article sharing at least
 * half of its long paragraphs (after normalisation) with another stored article, earlier or
 * later, joins that article's wire group. A group's canonical article is the one stored first;
 * the others are its reprints, which aggregates leave out under syndication=collapse.
 */
@Injectable()
export class WireStoriesService {
  constructor(private readonly repository: WireStoriesRepository) {}

  /**
   * Links the articles of a scoring chunk (or of a sweep) that are not linked yet, in one
   * transaction (see WireStoriesRepository.linkPending); returns the ids linked first.
   * Idempotent: running it again for the same articles changes nothing.
   */
  linkPending(articleIds: string[]): Promise<{ linked: string[]; changed: number }> {
    if (articleIds.length === 0) return Promise.resolve({ linked: [], changed: 0 });
    return this.repository.linkPending(articleIds, fingerprintsOf);
  }

  /**
   * Fingerprints and links the articles queued in wire_backfill, one batch per transaction,
   * until the queue is empty or `stop()` says so between batches. Each batch links its
   * articles exactly as linkPending() would, so running it twice, or beside live linking, or in
   * several processes at once, gives the same groups.
   */
  async backfill(
    options: {
      batchSize?: number;
      stop?: () => boolean;
      progress?: (t: BackfillTotals) => void;
    } = {},
  ): Promise<BackfillTotals> {
    const batchSize = options.batchSize ?? BACKFILL_BATCH;
    const totals = { fingerprinted: 0, changed: 0 };
    for (;;) {
      const batch = await this.repository.backfill(batchSize, fingerprintsOf);
      totals.fingerprinted += batch.fingerprinted;
      totals.changed += batch.changed;
      if (batch.claimed < batchSize || options.stop?.()) break;
      options.progress?.({ ...totals, left: await this.repository.backfillQueued() });
    }
    return { ...totals, left: await this.repository.backfillQueued() };
  }

  /** Queues every scored article without fingerprints for backfill(); returns how many. */
  queueUnfingerprinted(): Promise<number> {
    return this.repository.queueUnfingerprinted();
  }

  pending(graceMs: number, limit: number): Promise<string[]> {
    return this.repository.pending(graceMs, limit);
  }
}
