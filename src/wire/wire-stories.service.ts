import { Injectable } from '@nestjs/common';
import { paragraphFingerprints } from './fingerprint';
import { type LinkOutcome, WireStoriesRepository } from './wire-stories.repository';

/** Share of an article's fingerprinted paragraphs another article must also carry. */
export const WIRE_MATCH_SHARE = 0.5;

/**
 * Links reprints of one wire story, once an article is scored: an article sharing at least
 * half of its long paragraphs (after normalisation) with another stored article, earlier or
 * later, joins that article's wire group. A group's canonical article is the one stored first;
 * the others are its reprints, which aggregates leave out under syndication=collapse.
 */
@Injectable()
export class WireStoriesService {
  constructor(private readonly repository: WireStoriesRepository) {}

  /** Idempotent: running it again for the same article changes nothing. Null: no such article. */
  async link(articleId: string): Promise<LinkOutcome | null> {
    const body = await this.repository.articleBody(articleId);
    if (body === null) return null;
    const fingerprints = paragraphFingerprints(body);
    const minShared = Math.max(1, Math.ceil(fingerprints.length * WIRE_MATCH_SHARE));
    return this.repository.link(articleId, fingerprints, minShared);
  }

  pending(graceMs: number, limit: number): Promise<string[]> {
    return this.repository.pending(graceMs, limit);
  }
}
