import gazetteer from './data/gazetteer.json';
import lexicon from './data/lexicon/attribution.json';
import { lettersOf, nameTokens, type CompiledMonitor } from './monitors';
import { F_MARKER, F_PASSIVE, F_VERB, NONE, type Tokens } from './tokens';
import type { ActorName } from './monitors';
import { isAbbreviation, splitSentences, type Sentence } from './sentences';
import type { Span } from './types';

/** An actor name found in a paragraph. */
export interface Mention extends Span {
  side: string;
  kind: string;
  inQuote: boolean;
  /** for a name learned earlier in the article: the speaker phrase that introduced it */
  learned?: string;
}

/** A personal name learned from a side-bearing speaker phrase, valid for the rest of the article. */
interface LearnedName {
  tokens: string[];
  /** empty when the name was learned for two different sides (ambiguous, never matched) */
  side: string;
  phrase: string;
  heads: string[];
}

/** One attributed statement: who speaks, for which side(s), and where the attribution is. */
export interface Attribution {
  speaker: string;
  /** empty for speakers outside the monitor (analysts, other governments) */
  sides: string[];
  /** speaker phrase offsets */
  speakerSpan: Span;
  /** whole attribution (speaker and verb or marker) */
  evidence: Span;
  sentence: number;
  reason: string;
}

/** Speakers seen so far in the article, newest last, for "the official", "he", "the ministry". */
export interface SpeakerHistory {
  entries: { phrase: string; sides: string[]; heads: Set<string> }[];
}

export interface ParagraphAttribution {
  sentences: Sentence[];
  quotes: Span[];
  mentions: Mention[];
  attributions: Attribution[];
}

export const SPEECH_VERBS = new Set(lexicon.speechVerbs.flatMap((v) => v.forms));
interface Marker {
  slots: Set<string>[];
}
export const SOURCE_MARKERS: Marker[] = lexicon.sourceMarkers.map((m) => ({
  slots: m.tokens.map((slot) => new Set(slot.split('|'))),
}));
export const PASSIVE = new Set(lexicon.passiveMarkers.words);
const COREF_HEADS = new Set(lexicon.corefHeads.words);
const PRONOUNS = new Set(lexicon.pronouns.words);
const GROUP_PATTERN = new RegExp(
  `\\b(?:both|the two)\\s+(?:${lexicon.groups.heads.join('|')})\\b`,
  'i',
);
const CLAUSE_STARTERS = new Set(lexicon.clauseStarters.words);
const TITLE_WORDS = new Set(lexicon.titleWords.words);
const EXPERT_HEADS = new Set(lexicon.expertHeads.words);
const DETERMINERS = new Set(lexicon.determiners.words);
// Last word of every country, demonym and capital: "Japan's", "Philippine", "Korean", "Tokyo".
const PLACE_WORDS = new Set(
  gazetteer.entries.flatMap((entry) =>
    entry.split(/[|,]/).map((name) => name.trim().split(/\s+/).pop() ?? name),
  ),
);
const SUBORDINATORS = new Set(lexicon.subordinators.words);
const DISTRIBUTIVES = new Set(lexicon.distributives.words);
const STATEMENT_VERBS = new Set(lexicon.statementPhrases.verbs);
const STATEMENT_NOUNS = new Set(lexicon.statementPhrases.nouns);
const PREPOSITIONAL_OPENERS = new Set(lexicon.prepositionalOpeners.words);
// A capitalised word that can be part of a personal name: "Zhang", "Jean-Pierre", "O'Brien", "J".
const NAME_WORD = /^[A-Z](?:[a-z]*|[A-Za-z'-]*[a-z][A-Za-z'-]*)$/;
// An inverted speaker ("said the official", "said Zhang", "said he") opens with a name, an
// article or a pronoun; "a statement posted online" names none.
const INVERTED_SPEAKER_START = /^\s*(?:[A-Z]|(?:the|a|an|he|she|they|it|its|his|her|their)\b)/;
// ", a spokesman for the Chinese Defense Ministry" after an inverted speaker.
const APPOSITIVE_START = /^\s*,\s*(?:a|an|the)\s/i;
// Words after which a capitalised run is a place or an object, not the speaker's name.
const NAME_BLOCKERS = new Set(
  'in at of for from by with against to on into about over between than including near'.split(' '),
);
// Prepositions after which a name is an object, not the speaker ("talks with Xi", "pressure on Beijing").
const OBJECT_PREPOSITIONS = new Set(
  'with against toward towards about over between versus than on to at into like including'.split(
    ' ',
  ),
);
const LOCATIVE = new Set(['in', 'at']);
// Words that close a speaker phrase placed after its verb ("said the official before the call").
const INVERTED_STOP = new Set(
  'before after in at on during when while as to that who which on in last this late early'.split(
    ' ',
  ),
);
const AUX = new Set(lexicon.auxiliaries.words);
const NEGATIONS = new Set(lexicon.negations.words);
const WORD = /[A-Za-z][A-Za-z'.-]*/g;

function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
    if (open < 0) open = i;
    else {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  // News convention: a quotation that runs on into the next paragraph is left unclosed.
  if (open >= 0) spans.push({ start: open, end: text.length });
  return spans;
}

function inSpans(pos: number, spans: Span[]): boolean {
  for (const s of spans) if (pos >= s.start && pos < s.end) return true;
  return false;
}

function findMentions(
  text: string,
  t: Tokens,
  quotes: Span[],
  learned: Map<string, LearnedName[]>,
): Mention[] {
  const out: Mention[] = [];
  const n = t.lower.length;
  for (let i = 0; i < n; i++) {
    const candidates = t.info[i].actors as ActorName[] | undefined;
    if (!candidates) {
      if (learned.size > 0 && t.capital[i]) i = findLearned(t, quotes, learned, i, out);
      continue;
    }
    const found = out.length;
    for (const name of candidates) {
      const len = name.tokens.length;
      if (i + len > n) continue;
      const last = i + len - 1;
      let ok = true;
      for (let k = 1; k < len && ok; k++) {
        const w = k === len - 1 ? t.base[i + k] : t.lower[i + k];
        ok = t.gap[i + k] === NONE && (w === name.tokens[k] || t.lower[i + k] === name.tokens[k]);
      }
      if (!ok) continue;
      const possessive = t.base[last] !== t.lower[last] && t.lower[last] !== name.tokens[len - 1];
      const end = t.end[last] - (possessive ? 2 : 0);
      let letters = lettersOf(text.slice(t.start[i], end));
      let expected = name.letters;
      if (name.foldFirst) {
        letters = letters.toLowerCase();
        expected = expected.toLowerCase();
      }
      if (letters !== expected) continue;
      out.push({
        start: t.start[i],
        end,
        side: name.info.side,
        kind: name.info.kind,
        inQuote: inSpans(t.start[i], quotes),
      });
      i = last;
      break;
    }
    if (out.length === found && learned.size > 0 && t.capital[i])
      i = findLearned(t, quotes, learned, i, out);
  }
  return out;
}

/** A learned name starting at token i, pushed to `out`; returns the last token it covers. */
function findLearned(
  t: Tokens,
  quotes: Span[],
  learned: Map<string, LearnedName[]>,
  i: number,
  out: Mention[],
): number {
  const list = learned.get(t.lower[i]) ?? learned.get(t.base[i]);
  if (!list) return i;
  // "Vincent Chen" when "Chen" was learned: a capitalised given name before it is someone else.
  if (i > 0 && t.gap[i] === NONE && t.capital[i - 1]) {
    const prev = t.lower[i - 1];
    if (
      !TITLE_WORDS.has(prev) &&
      !COREF_HEADS.has(singular(prev)) &&
      !CLAUSE_STARTERS.has(prev) &&
      !t.info[i - 1].actors
    )
      return i;
  }
  const n = t.lower.length;
  for (const name of list) {
    const len = name.tokens.length;
    if (!name.side || i + len > n) continue;
    const last = i + len - 1;
    let ok = true;
    for (let k = 0; k < len && ok; k++) {
      const w = k === len - 1 ? t.base[i + k] : t.lower[i + k];
      ok = (k === 0 || (t.gap[i + k] === NONE && t.capital[i + k])) && w === name.tokens[k];
    }
    // A surname followed by another capitalised word is someone else's full name.
    if (!ok || (last + 1 < n && t.gap[last + 1] === NONE && t.capital[last + 1])) continue;
    const possessive = t.base[last] !== t.lower[last];
    out.push({
      start: t.start[i],
      end: t.end[last] - (possessive ? 2 : 0),
      side: name.side,
      kind: 'person',
      inQuote: inSpans(t.start[i], quotes),
      learned: name.phrase,
    });
    return last;
  }
  return i;
}

interface Hit {
  start: number;
  end: number;
  word: string;
  passive: boolean;
}

/** Speech verbs and source markers ("according to", "provided by"), found on tokens. */
function findHits(t: Tokens): { verbs: Hit[]; markers: Hit[] } {
  const verbs: Hit[] = [];
  const markers: Hit[] = [];
  const n = t.lower.length;
  for (let i = 0; i < n; i++) {
    const w = t.lower[i];
    const flags = t.info[i].flags;
    const afterArticle = i > 0 && t.gap[i] === NONE && DETERMINERS.has(t.lower[i - 1]);
    if (flags & F_VERB && !afterArticle) {
      const passive =
        i > 0 &&
        t.gap[i] === NONE &&
        (t.info[i - 1].flags & F_PASSIVE) !== 0 &&
        t.lower[i + 1] !== 'by';
      verbs.push({ start: t.start[i], end: t.end[i], word: w, passive });
    }
    if (STATEMENT_VERBS.has(w) && !afterArticle) {
      for (let k = i + 1; k <= i + 4 && k < n && t.gap[k] === NONE; k++) {
        if (STATEMENT_NOUNS.has(t.lower[k])) {
          verbs.push({ start: t.start[i], end: t.end[i], word: w, passive: false });
          break;
        }
      }
    }
    if (!(flags & F_MARKER)) continue;
    for (const m of SOURCE_MARKERS) {
      if (!m.slots[0].has(w) || i + m.slots.length > n) continue;
      let ok = true;
      for (let k = 1; k < m.slots.length && ok; k++)
        ok = t.gap[i + k] === NONE && m.slots[k].has(t.lower[i + k]);
      if (!ok) continue;
      const last = i + m.slots.length - 1;
      markers.push({ start: t.start[i], end: t.end[last], word: text(t, i, last), passive: false });
    }
  }
  return { verbs, markers };
}

function text(t: Tokens, from: number, to: number): string {
  return t.lower.slice(from, to + 1).join(' ');
}

function isBoundaryChar(c: string): boolean {
  return c === ',' || c === ';' || c === ':' || c === '"' || c === '(' || c === ')' || c === '.';
}

/** Start of the clause that ends at `pos`: back to punctuation, a quote mark or "that". */
function clauseStart(text: string, from: number, pos: number): number {
  let i = pos - 1;
  while (i >= from) {
    const c = text[i];
    // "Maj. Gen. Pat Ryder", "J. Smith": the period of a title or an initial ends no clause.
    if (isBoundaryChar(c) && !(c === '.' && isAbbreviation(text, i))) return i + 1;
    if (c === '-' && text[i - 1] === ' ' && text[i + 1] === ' ') return i + 1;
    if (
      c === 't' &&
      text.startsWith('that', i - 3) &&
      /\W/.test(text[i - 4] ?? ' ') &&
      /\W/.test(text[i + 1] ?? ' ')
    ) {
      return i + 1;
    }
    i--;
  }
  return from;
}

interface Word extends Span {
  text: string;
  lower: string;
}

function wordsIn(text: string, start: number, end: number): Word[] {
  return firstWords(text, start, end, Infinity);
}

function isThirdPartyPlace(word: Word, mentions: Mention[]): boolean {
  if (!PLACE_WORDS.has(word.text.replace(/['’]s$/, ''))) return false;
  return !mentions.some((m) => m.start < word.end && word.start < m.end);
}

/** The first `limit` words of a range, without scanning the rest of it (run-on text stays linear). */
function firstWords(text: string, start: number, end: number, limit: number): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = start;
  for (let m = WORD.exec(text); m && m.index < end && out.length < limit; m = WORD.exec(text)) {
    let w = m[0];
    while (w.endsWith('.') || w.endsWith("'")) w = w.slice(0, -1);
    if (w) out.push({ start: m.index, end: m.index + w.length, text: w, lower: w.toLowerCase() });
  }
  return out;
}

function opensWith(text: string, start: number, end: number, words: Set<string>): boolean {
  const opener = firstWords(text, start, end, 1)[0];
  return opener !== undefined && words.has(opener.lower);
}

function singular(word: string): string {
  return word.endsWith('s') && COREF_HEADS.has(word.slice(0, -1)) ? word.slice(0, -1) : word;
}

interface Resolved {
  sides: string[];
  speaker: string;
  span: Span;
  reason: string;
  heads: Set<string>;
}

export class AttributionContext {
  readonly history: SpeakerHistory = { entries: [] };
  /** names learned from side-bearing speaker phrases, by first token (longest first) */
  private readonly learned = new Map<string, LearnedName[]>();
  private readonly learnedByKey = new Map<string, LearnedName>();

  constructor(readonly monitor: CompiledMonitor) {}

  /**
   * Speakers outside the monitor are remembered too, so that "he" after the UN's nuclear chief
   * refers to him and not to the last side-bearing speaker; a pronoun with no antecedent is not.
   */
  private remember(r: Resolved): void {
    if (r.sides.length === 0 && PRONOUNS.has(r.speaker.toLowerCase())) return;
    this.history.entries.push({ phrase: r.speaker, sides: r.sides, heads: r.heads });
    if (this.history.entries.length > 50) this.history.entries.shift();
  }

  private corefer(head: string | null): { sides: string[]; phrase: string } | null {
    const entries = this.history.entries;
    if (head) {
      for (let i = entries.length - 1; i >= 0; i--) {
        if (entries[i].heads.has(head)) return entries[i];
      }
    }
    return entries.length > 0 ? entries[entries.length - 1] : null;
  }

  /** Who a noun phrase between `start` and `end` names: an actor, a group, or an earlier speaker. */
  private resolve(text: string, start: number, end: number, mentions: Mention[]): Resolved | null {
    const words = wordsIn(text, start, end);
    while (words.length > 0 && (CLAUSE_STARTERS.has(words[0].lower) || AUX.has(words[0].lower)))
      words.shift();
    // The subject ends where its verb group starts: "the official did not provide a list".
    const verbGroup = words.findIndex(
      (w, k) => k > 0 && (AUX.has(w.lower) || SPEECH_VERBS.has(w.lower)),
    );
    if (verbGroup > 0) words.length = verbGroup;
    if (words.length === 0) return null;
    const s = words[0].start;
    const e = words[words.length - 1].end;
    const speaker = text.slice(s, e).replace(/\s+/g, ' ');
    const heads = new Set<string>();
    for (const w of words) if (COREF_HEADS.has(singular(w.lower))) heads.add(singular(w.lower));

    // "the Chinese embassy in Washington": a place after "in"/"at" only counts when nothing
    // else in the phrase names a side ("officials in Beijing").
    const sides: string[] = [];
    const located: string[] = [];
    for (const m of mentions) {
      if (m.start < s || m.end > e || m.inQuote) continue;
      const before = wordsIn(text, Math.max(s, m.start - 16), m.start).pop();
      // "the spokesperson for China's embassy": a role's "for" names whom it speaks for.
      if (before && OBJECT_PREPOSITIONS.has(before.lower) && !this.speaksFor(text, s, before))
        continue;
      // "Japan's Foreign Ministry", "the Philippine foreign ministry": a place that is no actor
      // of the monitor owns the institution, which is then a third party's.
      if (before && isThirdPartyPlace(before, mentions)) continue;
      const list = before && LOCATIVE.has(before.lower) ? located : sides;
      if (!list.includes(m.side)) list.push(m.side);
    }
    if (sides.length === 0) sides.push(...located);
    // "a China analyst at the German Marshall Fund": the side's name marks the field of an
    // independent voice, which carries no side (an official head in the phrase still does).
    if (
      sides.length > 0 &&
      words.some((w) => EXPERT_HEADS.has(w.lower)) &&
      !words.some((w) => COREF_HEADS.has(singular(w.lower)))
    ) {
      return {
        sides: [],
        speaker,
        span: { start: s, end: e },
        reason: `'${speaker}' is an independent voice, not a side's`,
        heads,
      };
    }
    if (sides.length > 0) {
      // The speaker phrase ends after the last name and the titles or names that follow it:
      // "China on Wednesday sharply" is "China"; "Commerce Ministry spokesperson He Yadong" stays.
      let last = -1;
      for (const m of mentions)
        if (m.start >= s && m.end <= e && !m.inQuote) last = Math.max(last, m.end);
      let end = last;
      // After a possessive, up to two modifiers may precede the head: "Russia's foreign ministry".
      let modifiers = /^['’]s\b/.test(text.slice(last, last + 3)) ? 2 : 0;
      for (const w of words) {
        if (w.start < last) continue;
        // Titles in lower case continue the phrase: "Pentagon press secretary Pat Ryder".
        if (COREF_HEADS.has(singular(w.lower)) || TITLE_WORDS.has(w.lower) || /^[A-Z]/.test(w.text))
          end = w.end;
        else if (modifiers-- > 0 && !NAME_BLOCKERS.has(w.lower)) continue;
        else break;
      }
      const phrase = text.slice(s, end).replace(/\s+/g, ' ');
      // "Wang added": a name learned earlier stands for the phrase that introduced it.
      let reason = `names ${sides.join(' and ')} actor`;
      let introduced: string | undefined;
      let direct = false;
      for (const m of mentions) {
        if (m.start < s || m.end > e || m.inQuote) continue;
        if (!m.learned) direct = true;
        else {
          introduced ??= m.learned;
          for (const h of this.headsOf(m.learned)) heads.add(h);
        }
      }
      if (introduced && !direct) reason = `'${phrase}' was introduced as '${introduced}'`;
      return { sides, speaker: phrase, span: { start: s, end }, reason, heads };
    }
    const span = { start: s, end: e };
    if (GROUP_PATTERN.test(speaker) && words.length <= 4) {
      return {
        sides: [...this.monitor.sideIds],
        speaker,
        span,
        reason: 'joint statement of both sides',
        heads,
      };
    }
    const last = words[words.length - 1].lower;
    if (words.length === 1 && DISTRIBUTIVES.has(last)) {
      const heard = new Set(this.history.entries.flatMap((entry) => entry.sides));
      if (heard.size > 1)
        return {
          sides: [...heard],
          speaker,
          span,
          reason: `'${speaker}' speaks for every side heard`,
          heads,
        };
    }
    if (words.length === 1 && PRONOUNS.has(last)) {
      const ref = this.corefer(null);
      if (ref)
        return {
          sides: ref.sides,
          speaker,
          span,
          reason: `'${speaker}' refers to '${ref.phrase}'`,
          heads: new Set(),
        };
      return { sides: [], speaker, span, reason: 'pronoun without antecedent', heads };
    }
    // "The Turkish foreign minister": a capitalised modifier that is no actor of the monitor
    // names a third party, so the phrase does not refer back to an earlier speaker; so does a
    // possessive that opens the phrase ("Taiwan's defense ministry" is not China's).
    const foreign = words.some(
      (w, k) =>
        (k > 0 || /['’]s$/.test(w.text)) && /^[A-Z]/.test(w.text) && !COREF_HEADS.has(w.lower),
    );
    if (words.length <= 6 && heads.size > 0 && !foreign) {
      const head = singular(last);
      const ref = this.corefer(COREF_HEADS.has(head) ? head : [...heads][0]);
      if (ref) {
        return {
          sides: ref.sides,
          speaker,
          span,
          reason: `'${speaker}' refers to '${ref.phrase}'`,
          heads: new Set([...heads, ...this.headsOf(ref.phrase)]),
        };
      }
    }
    if (words.length <= 5)
      return { sides: [], speaker, span, reason: 'speaker outside the monitor', heads };
    return null;
  }

  /**
   * "Chinese Defense Ministry spokesman Zhang Xiaogang said": a personal name (two to four
   * capitalised words ending the phrase, after its titles and actor names) in a speaker phrase
   * with one side is remembered with that side for the rest of the article, as the full name,
   * the first and the last word ("Zhang added", "Blinken said"). Returns whether a name was new.
   */
  private learn(text: string, r: Resolved, mentions: Mention[]): boolean {
    if (r.sides.length !== 1) return false;
    const words = wordsIn(text, r.span.start, r.span.end);
    let k = words.length;
    while (k > 0) {
      const w = words[k - 1];
      if (
        !NAME_WORD.test(w.text) ||
        TITLE_WORDS.has(w.lower) ||
        COREF_HEADS.has(singular(w.lower)) ||
        mentions.some((m) => m.kind !== 'person' && w.start < m.end && m.start < w.end)
      )
        break;
      k--;
    }
    const run = words.length - k;
    if (run < 2 || run > 4 || (k > 0 && NAME_BLOCKERS.has(words[k - 1].lower))) return false;
    const tokens = nameTokens(text.slice(words[k].start, r.span.end));
    if (tokens.length !== run) return false;
    return this.addName(tokens, r.sides[0], r.speaker, this.headsOf(r.speaker));
  }

  /** Remembers a full name and its first and last words with a side; returns whether any was new. */
  private addName(tokens: string[], side: string, phrase: string, heads: string[]): boolean {
    let added = false;
    const forms = [tokens, [tokens[0]], [tokens[tokens.length - 1]]];
    for (const form of forms) {
      if (form.length === 1 && form[0].length < 2) continue; // initials
      const key = form.join(' ');
      const known = this.learnedByKey.get(key);
      if (known) {
        if (known.side && known.side !== side) known.side = ''; // two people, two sides
        continue;
      }
      const entry: LearnedName = { tokens: form, side, phrase, heads };
      this.learnedByKey.set(key, entry);
      const list = this.learned.get(form[0]) ?? [];
      list.push(entry);
      list.sort((x, y) => y.tokens.length - x.tokens.length);
      this.learned.set(form[0], list);
      added = true;
    }
    return added;
  }

  private speaksFor(text: string, start: number, preposition: Word): boolean {
    if (preposition.lower !== 'for') return false;
    const role = wordsIn(text, Math.max(start, preposition.start - 24), preposition.start).pop();
    return role !== undefined && COREF_HEADS.has(singular(role.lower));
  }

  /**
   * "… held a call with Wang Yi on Friday": a person of the monitor named anywhere in the
   * article is known by surname and given name for the rest of it ("Wang reiterated").
   */
  private learnMentionedPeople(text: string, mentions: Mention[]): boolean {
    let added = false;
    for (const m of mentions) {
      if (m.kind !== 'person' || m.learned || m.inQuote) continue;
      const tokens = nameTokens(text.slice(m.start, m.end));
      if (tokens.length < 2) continue;
      if (this.addName(tokens, m.side, text.slice(m.start, m.end), [])) added = true;
    }
    return added;
  }

  private headsOf(phrase: string): string[] {
    return phrase
      .toLowerCase()
      .split(/[^a-z]+/)
      .map(singular)
      .filter((w) => COREF_HEADS.has(w));
  }

  /** An appositive after a comma: up to the next comma, quote or sentence end. */
  private phraseAfterComma(text: string, from: number, limit: number): Span {
    let end = from;
    for (const w of wordsIn(text, from, limit)) {
      if (/[,;:"()]/.test(text.slice(end, w.start)) && end > from) break;
      end = w.end;
    }
    return { start: from, end };
  }

  /** Noun phrase placed after a verb or marker, up to punctuation or a closing word. */
  private phraseAfter(text: string, from: number, limit: number): Span {
    let end = from;
    const words = wordsIn(text, from, limit);
    for (const w of words) {
      if (/[,;:"().]/.test(text.slice(end, w.start)) && end > from) break;
      if (INVERTED_STOP.has(w.lower)) break;
      end = w.end;
    }
    return { start: from, end };
  }

  analyze(text: string, t: Tokens, bodyStart: number): ParagraphAttribution {
    const quotes = quoteSpans(text);
    let mentions = findMentions(text, t, quotes, this.learned);
    if (this.learnMentionedPeople(text, mentions))
      mentions = findMentions(text, t, quotes, this.learned);
    const hits = findHits(t);
    // Sentences matter only around attributions; most narration paragraphs have none.
    const sentences =
      hits.verbs.length + hits.markers.length > 0
        ? splitSentences(text).filter((s) => s.end > bodyStart)
        : [];
    const attributions: Attribution[] = [];

    sentences.forEach((sentence, si) => {
      const found: Attribution[] = [];
      const add = (r: Resolved, evidenceStart: number, evidenceEnd: number, how: string): void => {
        found.push({
          speaker: r.speaker,
          sides: r.sides,
          speakerSpan: r.span,
          evidence: {
            start: Math.min(evidenceStart, r.span.start),
            end: Math.max(evidenceEnd, r.span.end),
          },
          sentence: si,
          reason: `${how}; ${r.reason}`,
        });
        this.remember(r);
        // A name learned here also counts in the rest of this paragraph.
        if (this.learn(text, r, mentions)) {
          const again = findMentions(text, t, quotes, this.learned);
          mentions.length = 0;
          mentions.push(...again);
        }
      };

      for (const hit of hits.verbs) {
        if (hit.start < sentence.start || hit.start >= sentence.end) continue;
        const vs = hit.start;
        const ve = hit.end;
        if (hit.passive || inSpans(vs, quotes)) continue;
        const verb = hit.word;
        // "has not explained", "did not say": no statement is reported.
        if (
          wordsIn(text, Math.max(sentence.start, vs - 12), vs).some((w) => NEGATIONS.has(w.lower))
        )
          continue;
        // ", calling it …" after "the minister said that the army fired …": the participle
        // continues the sentence's speaker, not the subject of the reported clause.
        if (found.length > 0 && verb.endsWith('ing')) continue;

        const cs = clauseStart(text, sentence.start, vs);
        // "The minister said that both sides had confirmed": speech reported inside another
        // speaker's statement belongs to that speaker.
        if (found.length > 0 && /\bthat\s*$/.test(text.slice(Math.max(sentence.start, cs - 6), cs)))
          continue;
        // "When Ottawa raised duties, …": background, not the sentence's speaker.
        if (opensWith(text, cs, vs, SUBORDINATORS)) continue;
        let r = this.resolve(text, cs, vs, mentions);
        if (r) {
          add(r, r.span.start, ve, `'${verb}' after '${r.speaker}'`);
          continue;
        }
        // Empty clause: either "…," said the official / "…" Xi said (inverted), or a coordinated
        // verb ("did not provide a list, but said") or an appositive ("Wang, a spokesman, said").
        const before = text.slice(sentence.start, cs).trimEnd();
        const clauseWords = wordsIn(text, cs, vs);
        const coordinated = clauseWords.length > 0 && CLAUSE_STARTERS.has(clauseWords[0].lower);
        const quoted = before.endsWith('"') || (before.endsWith(',') && before.includes('"'));
        // Agency paraphrase without quotation marks: "The visit went well, said Tan
        // Wei, a senior Chinese official." The speaker must end the sentence or open an
        // appositive, and a participle (", quoting …") is a tail, not an inversion.
        const paraphrase =
          !quoted &&
          before.endsWith(',') &&
          !verb.endsWith('ing') &&
          firstWords(text, sentence.start, cs, 6).length >= 6;
        if (!coordinated && (quoted || paraphrase)) {
          const after = this.phraseAfter(text, ve, sentence.end);
          const closer = text.slice(after.end, after.end + 12);
          const closes = paraphrase ? /^\s*(?:$|[,.;])/ : /^\s*(?:$|[,.;:"]|[a-z]+\b)/;
          if (
            after.end > ve &&
            INVERTED_SPEAKER_START.test(text.slice(after.start, after.end)) &&
            closes.test(closer)
          ) {
            const nextWord = /^\s*([a-z]+)/.exec(closer)?.[1];
            if (!nextWord || INVERTED_STOP.has(nextWord)) {
              r = this.resolve(text, after.start, after.end, mentions);
              // "…, said Washington did not seek conflict": the words after the verb are its
              // object clause, not an inverted speaker, unless they are all speaker phrase.
              if (paraphrase && r && wordsIn(text, r.span.end, after.end).length > 0) r = null;
              // "…," said Zhang Xiaogang, a spokesman for the Chinese Defense Ministry.
              if (r && r.sides.length === 0) {
                const tail = text.slice(after.end, after.end + 8);
                const m = APPOSITIVE_START.exec(tail);
                if (m) {
                  const from = after.end + tail.indexOf(',') + 1;
                  const appos = this.phraseAfterComma(text, from, sentence.end);
                  const a = this.resolve(text, appos.start, appos.end, mentions);
                  if (a && a.sides.length < this.monitor.sideIds.length)
                    r = {
                      ...r,
                      sides: a.sides,
                      reason: `appositive '${a.speaker}'; ${a.reason}`,
                      heads: new Set([...r.heads, ...a.heads]),
                    };
                }
              }
              if (r) {
                add(r, vs, r.span.end, `'${verb}' before '${r.speaker}'`);
                continue;
              }
            }
          }
        }
        let end = cs - 1;
        for (let hop = 0; hop < 3 && end > sentence.start; hop++) {
          const s = clauseStart(text, sentence.start, end);
          if (
            !inSpans(s, quotes) &&
            !opensWith(text, s, end, SUBORDINATORS) &&
            !opensWith(text, s, end, PREPOSITIONAL_OPENERS)
          ) {
            r = this.resolve(text, s, end, mentions);
            if (r && r.sides.length > 0) {
              // "The Global Times, a tabloid run by the party, claimed": the appositive gives
              // the side, the name before it is the speaker.
              if (/^an?\s/i.test(r.speaker) && s - 1 > sentence.start) {
                const named = this.resolve(
                  text,
                  clauseStart(text, sentence.start, s - 1),
                  s - 1,
                  mentions,
                );
                if (named && !inSpans(named.span.start, quotes)) {
                  r = { ...named, sides: named.sides.length > 0 ? named.sides : r.sides };
                }
              }
              add(r, r.span.start, ve, `'${verb}' with subject '${r.speaker}'`);
              break;
            }
          }
          end = s - 1;
        }
      }

      for (const m of hits.markers) {
        if (m.start < sentence.start || m.start >= sentence.end || inSpans(m.start, quotes))
          continue;
        const after = this.phraseAfter(text, m.end, sentence.end);
        const r = this.resolve(text, after.start, after.end, mentions);
        if (r) add(r, m.start, r.span.end, `'${m.word}' '${r.speaker}'`);
      }
      attributions.push(...found);
    });
    return { sentences, quotes, mentions, attributions };
  }
}
