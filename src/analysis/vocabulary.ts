import { AFINN_LABELS, isAfinnNegator } from './afinn';
import { PASSIVE, SOURCE_MARKERS, SPEECH_VERBS } from './attribution';
import { framesStartingWith } from './framing';
import type { ActorName, CompiledMonitor } from './monitors';
import {
  BOOSTERS,
  CONTRAST,
  DOWNTONERS,
  LEXICON,
  HARMERS,
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
  F_HARMER,
  F_MARKER,
  F_MITIGATOR,
  F_NEGATOR,
  F_NOT_NEGATING,
  F_PASSIVE,
  F_STOPPER,
  F_VERB,
  type Word,
  type WordInfo,
  type WordTable,
} from './tokens';

const MARKER_FIRST = new Set(SOURCE_MARKERS.flatMap((m) => [...m.slots[0]]));
// Bounds memory in a long-running worker; news vocabulary rarely comes near it.
const MAX_WORDS = 200_000;
const INITIAL_SLOTS = 1 << 12;

/** Facts about one word from every lexicon. */
function wordInfo(monitor: CompiledMonitor, word: string, base: string): WordInfo {
  let flags = 0;
  if (SPEECH_VERBS.has(word)) flags |= F_VERB;
  if (CONTRAST.has(word)) flags |= F_CONTRAST;
  if (NEGATORS.has(word)) flags |= F_NEGATOR;
  if (BOOSTERS.has(word)) flags |= F_BOOSTER;
  if (DOWNTONERS.has(word)) flags |= F_DOWNTONER;
  if (MITIGATORS.has(word)) flags |= F_MITIGATOR;
  if (HARMERS.has(word)) flags |= F_HARMER;
  if (STOPPERS.has(word)) flags |= F_STOPPER;
  if (NOT_NEGATING.has(word)) flags |= F_NOT_NEGATING;
  if (PASSIVE.has(word)) flags |= F_PASSIVE;
  if (MARKER_FIRST.has(word)) flags |= F_MARKER;
  return {
    flags,
    lex: LEXICON.get(word) ?? (base !== word ? LEXICON.get(base) : undefined),
    phrases: PHRASES.get(word),
    frames: framesStartingWith(word),
    actors: actorCandidates(monitor, word, base),
  };
}

/**
 * Actor names that may start at this word, longest first. A possessive ("Russia's") may start
 * a listed possessive name ("Russia's Foreign Ministry") or the bare one ("Russia"), so both
 * lists count: otherwise "Russia's foreign ministry" would match neither.
 */
function actorCandidates(
  monitor: CompiledMonitor,
  word: string,
  base: string,
): ActorName[] | undefined {
  const own = monitor.actorIndex.get(word);
  const bare = base !== word ? monitor.actorIndex.get(base) : undefined;
  if (!own || !bare) return own ?? bare;
  return [...own, ...bare].sort((x, y) => y.tokens.length - x.tokens.length);
}

/**
 * Per-monitor memo of word facts: each distinct word is looked up in every lexicon once, so the
 * per-token work of all rules is one probe of this table. The table is keyed on the word's
 * characters in the text (hashed while the tokenizer scans them), so a word seen before costs no
 * string allocation and no string hashing; its `lower` string is the one stored on first sight.
 */
export class Vocabulary implements WordTable {
  private hashes = new Int32Array(INITIAL_SLOTS);
  private words: (Word | undefined)[] = new Array<Word | undefined>(INITIAL_SLOTS);
  private size = 0;

  constructor(private readonly monitor: CompiledMonitor) {}

  find(text: string, start: number, end: number, hash: number): Word {
    const mask = this.words.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const w = this.words[slot];
      if (w === undefined) break;
      if (this.hashes[slot] !== hash || w.key.length !== length) continue;
      const key = w.key;
      let k = 0;
      while (k < length) {
        let c = text.charCodeAt(start + k);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== key.charCodeAt(k)) break;
        k++;
      }
      if (k === length) return w;
    }
    return this.add(text.slice(start, end).toLowerCase(), hash);
  }

  private add(key: string, hash: number): Word {
    const lower = key.includes('\u2019') ? key.replace(/\u2019/g, "'") : key;
    const base = lower.endsWith("'s") ? lower.slice(0, -2) : lower;
    const afinn = AFINN_LABELS.get(key);
    const word: Word = {
      key,
      lower,
      base,
      info: wordInfo(this.monitor, lower, base),
      afinn: afinn ?? 0,
      scored: afinn !== undefined,
      negator: isAfinnNegator(key),
    };
    if (this.size >= MAX_WORDS) this.clear(INITIAL_SLOTS);
    else if ((this.size + 1) * 2 > this.words.length) this.grow();
    this.insert(word, hash);
    return word;
  }

  private insert(word: Word, hash: number): void {
    const mask = this.words.length - 1;
    let slot = hash & mask;
    while (this.words[slot] !== undefined) slot = (slot + 1) & mask;
    this.words[slot] = word;
    this.hashes[slot] = hash;
    this.size++;
  }

  private clear(slots: number): void {
    this.hashes = new Int32Array(slots);
    this.words = new Array<Word | undefined>(slots);
    this.size = 0;
  }

  private grow(): void {
    const hashes = this.hashes;
    const words = this.words;
    this.clear(words.length * 2);
    for (let slot = 0; slot < words.length; slot++) {
      const w = words[slot];
      if (w !== undefined) this.insert(w, hashes[slot]);
    }
  }
}

export function createVocabulary(monitor: CompiledMonitor): Vocabulary {
  return new Vocabulary(monitor);
}
