import { Injectable } from '@nestjs/common';
import { paragraphFingerprints } from './fingerprint';
import { WireStoriesRepository } from './wire-stories.repository';

/** Share of an article's fingerprinted paragraphs an earlier article must also carry. */
export const WIRE_MATCH_SHARE = 0.5;

/**
 * Links reprints of one wire story: an article sharing at least half of its long paragraphs
 * (after normalisation) with an earlier article joins that article's wire group, whose id is
 * the first article's id. Aggregates can then count a statement once per group
 * (`COALESCE(wire_group_id, id)`) instead of once per outlet that reprinted it.
 */
@Injectable()
export class WireStoriesService {
  constructor(private readonly repository: WireStoriesRepository) {}

  /** Idempotent: running it again for the same article changes nothing. */
  async link(articleId: string): Promise<string | null> {
    const body = await this.repository.articleBody(articleId);
    if (body === null) return null;
    const fingerprints = paragraphFingerprints(body);
    if (fingerprints.length === 0) return null;
    await this.repository.saveFingerprints(articleId, fingerprints);
    const minShared = Math.ceil(fingerprints.length * WIRE_MATCH_SHARE);
    const earlier = await this.repository.earliestSharing(articleId, fingerprints, minShared);
    return earlier ? this.repository.join(articleId, earlier) : null;
  }
}
