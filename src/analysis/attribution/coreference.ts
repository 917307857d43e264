import { PRONOUNS } from './lexicon';
import type { Resolved } from './types';

/** A speaker heard earlier in the article. */
export interface HeardSpeaker {
  phrase: string;
  sides: string[];
  heads: Set<string>;
}

// Coreference looks back over the last speakers only: a bounded list keeps it constant-time.
const REMEMBERED_SPEAKERS = 50;

/** Speakers seen so far in the article, newest last, for "the official", "he", "the ministry". */
export class SpeakerHistory {
  readonly entries: HeardSpeaker[] = [];

  /**
   * Speakers outside the monitor are remembered too, so that "he" after the UN's nuclear chief
   * refers to him and not to the last side-bearing speaker; a pronoun with no antecedent is not.
   */
  remember(r: Resolved): void {
    if (r.sides.length === 0 && PRONOUNS.has(r.speaker.toLowerCase())) return;
    this.entries.push({ phrase: r.speaker, sides: r.sides, heads: r.heads });
    if (this.entries.length > REMEMBERED_SPEAKERS) this.entries.shift();
  }

  /** The newest speaker with this head ("ministry"), else the newest speaker, else null. */
  corefer(head: string | null): HeardSpeaker | null {
    const entries = this.entries;
    if (head) {
      for (let i = entries.length - 1; i >= 0; i--) {
        if (entries[i].heads.has(head)) return entries[i];
      }
    }
    return entries.length > 0 ? entries[entries.length - 1] : null;
  }

  /** Every side heard so far ("Each says …" speaks for all of them). */
  sidesHeard(): Set<string> {
    return new Set(this.entries.flatMap((entry) => entry.sides));
  }
}
