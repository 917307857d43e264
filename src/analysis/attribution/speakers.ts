import type { Span } from '../types';
import type { SpeakerHistory } from './coreference';
import {
  AUX,
  CLAUSE_STARTERS,
  DETERMINERS,
  COREF_HEADS,
  DISTRIBUTIVES,
  EXPERT_HEADS,
  GROUP_PATTERN,
  headsOf,
  LOCATIVE,
  NAME_BLOCKERS,
  OBJECT_PREPOSITIONS,
  ROLE_PREPOSITIONS,
  PLACE_WORDS,
  POSSESSIVE_PRONOUNS,
  PRONOUNS,
  RELATIVE_PRONOUNS,
  singular,
  SPEECH_VERBS,
  TITLE_WORDS,
} from './lexicon';
import { MAX_ATTRIBUTION_SENTENCE_CHARS } from './limits';
import { someOverlapping, spansWithin } from './spans';
import type { Mention, Resolved } from './types';
import { lastWordIn, wordsIn, type Word } from './words';

/** What speaker resolution may consult besides the phrase: the monitor's sides and the speakers heard. */
export interface SpeakerScope {
  sideIds: readonly string[];
  history: SpeakerHistory;
}

/** The words of a subject phrase, its text and offsets, and the mentions inside it. */
interface Phrase {
  words: Word[];
  speaker: string;
  span: Span;
  heads: Set<string>;
  /** mentions wholly inside the phrase and outside quotation marks */
  mentions: Mention[];
}

/**
 * The subject phrase of [start, end): without the coordinating words and auxiliaries that open
 * it, and cut where its verb group starts ("the official did not provide a list").
 */
function subjectPhrase(
  text: string,
  start: number,
  end: number,
  mentions: Mention[],
): Phrase | null {
  const all = wordsIn(text, start, end);
  let first = 0;
  while (first < all.length && (CLAUSE_STARTERS.has(all[first].lower) || AUX.has(all[first].lower)))
    first++;
  let stop = all.length;
  for (let k = first + 1; k < all.length; k++) {
    if (AUX.has(all[k].lower) || SPEECH_VERBS.has(all[k].lower)) {
      stop = k;
      break;
    }
  }
  const words = all.slice(first, stop);
  if (words.length === 0) return null;
  const s = words[0].start;
  const e = words[words.length - 1].end;
  const heads = new Set<string>();
  for (const w of words) if (COREF_HEADS.has(singular(w.lower))) heads.add(singular(w.lower));
  return {
    words,
    speaker: text.slice(s, e).replace(/\s+/g, ' '),
    span: { start: s, end: e },
    heads,
    mentions: spansWithin(mentions, s, e).filter((m) => !m.inQuote),
  };
}

/** A title word, or its plural ("senators", "lawmakers"). */
function isTitle(word: string): boolean {
  return TITLE_WORDS.has(word) || (word.endsWith('s') && TITLE_WORDS.has(word.slice(0, -1)));
}

/**
 * "the spokesperson for China's embassy", "a spokesperson at China's embassy": after a role,
 * these prepositions name whom the role speaks for.
 */
function speaksFor(text: string, start: number, preposition: Word): boolean {
  if (!ROLE_PREPOSITIONS.has(preposition.lower)) return false;
  const role = lastWordIn(text, Math.max(start, preposition.start - 24), preposition.start);
  return role !== undefined && COREF_HEADS.has(singular(role.lower));
}

/** "Japan's Foreign Ministry", "the Philippine foreign ministry": a gazetteer place that is no actor. */
function isThirdPartyPlace(word: Word, mentions: Mention[]): boolean {
  if (!PLACE_WORDS.has(word.text.replace(/['’]s$/, ''))) return false;
  return !someOverlapping(mentions, word.start, word.end);
}

/**
 * The word that governs a name: the one before it, past an article ("ambassador to the US"
 * is governed by "to").
 */
function governingWord(text: string, start: number, nameStart: number): Word | undefined {
  const before = wordsIn(text, Math.max(start, nameStart - 24), nameStart);
  const last = before.pop();
  return last && DETERMINERS.has(last.lower) ? (before.pop() ?? last) : last;
}

/**
 * Sides named by the actors in a phrase. A place after "in"/"at" counts only when nothing else
 * names a side ("the Chinese embassy in Washington", "officials in Beijing"); an actor after an
 * object preposition ("talks with Xi") or owned by a third-party place counts not at all.
 */
function sidesNamed(text: string, p: Phrase, mentions: Mention[]): string[] {
  const s = p.span.start;
  const sides: string[] = [];
  const located: string[] = [];
  for (const m of p.mentions) {
    const before = governingWord(text, s, m.start);
    if (before && OBJECT_PREPOSITIONS.has(before.lower) && !speaksFor(text, s, before)) continue;
    if (before && isThirdPartyPlace(before, mentions)) continue;
    const list = before && LOCATIVE.has(before.lower) ? located : sides;
    if (!list.includes(m.side)) list.push(m.side);
  }
  if (sides.length === 0) sides.push(...located);
  return sides;
}

/**
 * A phrase that names a side: the speaker phrase ends after the last name and the titles or
 * names that follow it ("China on Wednesday sharply" is "China"; "Commerce Ministry
 * spokesperson He Yadong" stays whole); a learned name stands for the phrase that introduced it.
 */
function actorSpeaker(text: string, p: Phrase, sides: string[]): Resolved {
  const s = p.span.start;
  let last = -1;
  for (const m of p.mentions) last = Math.max(last, m.end);
  let end = last;
  // Up to two modifiers may precede the head: "Russia's foreign ministry", "the Chinese state
  // news agency"; they count only when a head follows.
  let modifiers = 2;
  for (const w of p.words) {
    if (w.start < last) continue;
    // Titles in lower case continue the phrase: "Pentagon press secretary Pat Ryder", "a group
    // of US senators".
    if (COREF_HEADS.has(singular(w.lower)) || isTitle(w.lower) || /^[A-Z]/.test(w.text))
      end = w.end;
    else if (modifiers-- > 0 && !NAME_BLOCKERS.has(w.lower)) continue;
    else break;
  }
  const phrase = text.slice(s, end).replace(/\s+/g, ' ');
  // "Wang added": a name learned earlier stands for the phrase that introduced it.
  let reason = `names ${sides.join(' and ')} actor`;
  let introduced: string | undefined;
  let direct = false;
  const heads = p.heads;
  for (const m of p.mentions) {
    if (!m.learned) direct = true;
    else {
      introduced ??= m.learned;
      for (const h of headsOf(m.learned)) heads.add(h);
    }
  }
  if (introduced && !direct) reason = `'${phrase}' was introduced as '${introduced}'`;
  return { sides, speaker: phrase, span: { start: s, end }, reason, heads };
}

/** "both sides", "the two leaders": a joint statement of every side of the monitor. */
function groupSpeaker(p: Phrase, scope: SpeakerScope): Resolved | null {
  if (!GROUP_PATTERN.test(p.speaker) || p.words.length > 4) return null;
  return { ...reading(p), sides: [...scope.sideIds], reason: 'joint statement of both sides' };
}

/** "Each says …", "Both say …": every side heard so far, when at least two have been. */
function distributiveSpeaker(p: Phrase, scope: SpeakerScope): Resolved | null {
  if (p.words.length !== 1 || !DISTRIBUTIVES.has(p.words[0].lower)) return null;
  const heard = scope.history.sidesHeard();
  if (heard.size <= 1) return null;
  return { ...reading(p), sides: [...heard], reason: `'${p.speaker}' speaks for every side heard` };
}

/** "he", "she", "they": the most recent speaker. */
function pronounSpeaker(p: Phrase, scope: SpeakerScope): Resolved | null {
  if (p.words.length !== 1 || !PRONOUNS.has(p.words[0].lower)) return null;
  const ref = scope.history.corefer(null);
  if (!ref) return { ...reading(p), sides: [], reason: 'pronoun without antecedent' };
  return {
    ...reading(p),
    sides: ref.sides,
    reason: `'${p.speaker}' refers to '${ref.phrase}'`,
    heads: new Set(),
  };
}

/**
 * "the ministry", "the spokesperson": the most recent speaker with the same head. A capitalised
 * modifier that is no actor ("The Turkish foreign minister") or an opening possessive
 * ("Taiwan's defense ministry") names a third party, which refers back to no one.
 */
function nominalSpeaker(p: Phrase, scope: SpeakerScope): Resolved | null {
  const foreign = p.words.some(
    (w, k) =>
      (k > 0 || /['’]s$/.test(w.text)) && /^[A-Z]/.test(w.text) && !COREF_HEADS.has(w.lower),
  );
  if (p.words.length > 6 || p.heads.size === 0 || foreign) return null;
  const head = singular(p.words[p.words.length - 1].lower);
  const ref = scope.history.corefer(COREF_HEADS.has(head) ? head : [...p.heads][0]);
  if (!ref) return null;
  return {
    ...reading(p),
    sides: ref.sides,
    reason: `'${p.speaker}' refers to '${ref.phrase}'`,
    heads: new Set([...p.heads, ...headsOf(ref.phrase)]),
  };
}

/**
 * "a rebuke from Beijing, which said …", "the State Department, which said …": a relative
 * pronoun speaks for the actor name that ends right before its comma.
 */
function relativeSpeaker(text: string, p: Phrase, mentions: Mention[]): Resolved | null {
  if (p.words.length !== 1 || !RELATIVE_PRONOUNS.has(p.words[0].lower)) return null;
  let comma = p.span.start - 1;
  while (comma >= 0 && /\s/.test(text[comma])) comma--;
  if (text[comma] !== ',') return null;
  let before = comma;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  const named = spansWithin(mentions, Math.max(0, before - MAX_ATTRIBUTION_SENTENCE_CHARS), before)
    .reverse()
    .find((m) => m.end === before && !m.inQuote);
  if (!named) return null;
  return {
    ...reading(p),
    sides: [named.side],
    reason: `'${p.speaker}' refers to '${text.slice(named.start, named.end)}'`,
  };
}

/**
 * "China slapped sanctions on three firms, its commerce ministry said": an institution owned by
 * a possessive pronoun speaks for the first actor named in its sentence.
 */
function possessiveSpeaker(text: string, p: Phrase, mentions: Mention[]): Resolved | null {
  const [first] = p.words;
  const head = singular(p.words[p.words.length - 1].lower);
  if (p.words.length > 4 || !POSSESSIVE_PRONOUNS.has(first.lower) || !COREF_HEADS.has(head))
    return null;
  // Within one sentence's reach, so a long paragraph is not searched back to its start.
  const from = Math.max(0, p.span.start - MAX_ATTRIBUTION_SENTENCE_CHARS);
  const prefix = text.slice(from, p.span.start);
  const boundary = Math.max(
    prefix.lastIndexOf('\n'),
    ...['. ', '! ', '? '].map((end) => prefix.lastIndexOf(end)),
  );
  const sentenceStart = boundary >= 0 ? from + boundary + 1 : from;
  const owner = spansWithin(mentions, sentenceStart, p.span.start).find((m) => !m.inQuote);
  if (!owner) return null;
  return {
    ...reading(p),
    sides: [owner.side],
    reason: `'${p.speaker}' belongs to '${text.slice(owner.start, owner.end)}'`,
  };
}

/** A short phrase that names no side and refers to no one: a speaker outside the monitor. */
function outsideSpeaker(p: Phrase): Resolved | null {
  if (p.words.length > 5) return null;
  return { ...reading(p), sides: [], reason: 'speaker outside the monitor' };
}

function reading(p: Phrase): Resolved {
  return { sides: [], speaker: p.speaker, span: p.span, reason: '', heads: p.heads };
}

/** Readings of a phrase that names no side, tried in order; the first that applies wins. */
const UNSIDED_READINGS: ((p: Phrase, scope: SpeakerScope) => Resolved | null)[] = [
  groupSpeaker,
  distributiveSpeaker,
  pronounSpeaker,
  nominalSpeaker,
  outsideSpeaker,
];

/** Who the noun phrase between `start` and `end` names: an actor, a group, or an earlier speaker. */
export function resolveSpeaker(
  text: string,
  start: number,
  end: number,
  mentions: Mention[],
  scope: SpeakerScope,
): Resolved | null {
  const p = subjectPhrase(text, start, end, mentions);
  if (!p) return null;
  const sides = sidesNamed(text, p, mentions);
  // "a China analyst at the German Marshall Fund": the side's name marks the field of an
  // independent voice, which carries no side (an official head in the phrase still does).
  if (
    sides.length > 0 &&
    p.words.some((w) => EXPERT_HEADS.has(w.lower)) &&
    !p.words.some((w) => COREF_HEADS.has(singular(w.lower)))
  )
    return { ...reading(p), reason: `'${p.speaker}' is an independent voice, not a side's` };
  if (sides.length > 0) return actorSpeaker(text, p, sides);
  const owned = relativeSpeaker(text, p, mentions) ?? possessiveSpeaker(text, p, mentions);
  if (owned) return owned;
  for (const read of UNSIDED_READINGS) {
    const r = read(p, scope);
    if (r) return r;
  }
  return null;
}
