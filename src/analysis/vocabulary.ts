import { PASSIVE, SOURCE_MARKERS, SPEECH_VERBS } from './attribution';
import { framesStartingWith } from './framing';
import type { CompiledMonitor } from './monitors';
import {
  BOOSTERS,
  CONTRAST,
  DOWNTONERS,
  LEXICON,
  MITIGATORS,
  NEGATORS,
  NOT_NEGATING,
  PHRASES,
  STOPPERS,
} from './tone';
import {
  F_BOOSTER,
  F_CONTRAST,
  F_DOWNTONER,
  F_MARKER,
  F_MITIGATOR,
  F_NEGATOR,
  F_NOT_NEGATING,
  F_PASSIVE,
  F_STOPPER,
  F_VERB,
  type WordInfo,
  type WordLookup,
} from './tokens';

const MARKER_FIRST = new Set(SOURCE_MARKERS.flatMap((m) => [...m.slots[0]]));
// Bounds memory in a long-running worker; news vocabulary rarely comes near it.
const MAX_WORDS = 200_000;

/**
 * Per-monitor memo of word facts: each distinct word is looked up in every lexicon once, so
 * the per-token work of all rules is a single map read.
 */
export function createVocabulary(monitor: CompiledMonitor): WordLookup {
  const cache = new Map<string, WordInfo>();
  return (word: string, base: string): WordInfo => {
    const hit = cache.get(word);
    if (hit) return hit;
    let flags = 0;
    if (SPEECH_VERBS.has(word)) flags |= F_VERB;
    if (CONTRAST.has(word)) flags |= F_CONTRAST;
    if (NEGATORS.has(word)) flags |= F_NEGATOR;
    if (BOOSTERS.has(word)) flags |= F_BOOSTER;
    if (DOWNTONERS.has(word)) flags |= F_DOWNTONER;
    if (MITIGATORS.has(word)) flags |= F_MITIGATOR;
    if (STOPPERS.has(word)) flags |= F_STOPPER;
    if (NOT_NEGATING.has(word)) flags |= F_NOT_NEGATING;
    if (PASSIVE.has(word)) flags |= F_PASSIVE;
    if (MARKER_FIRST.has(word)) flags |= F_MARKER;
    const info: WordInfo = {
      flags,
      lex: LEXICON.get(word) ?? (base !== word ? LEXICON.get(base) : undefined),
      phrases: PHRASES.get(word),
      frames: framesStartingWith(word),
      actors:
        monitor.actorIndex.get(word) ?? (base !== word ? monitor.actorIndex.get(base) : undefined),
    };
    if (cache.size >= MAX_WORDS) cache.clear();
    cache.set(word, info);
    return info;
  };
}
