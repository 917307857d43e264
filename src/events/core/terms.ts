import { getCompiledMonitor } from '../../analysis/monitors';

/**
 * Content terms of an article, for event grouping: lower-cased words without function words
 * and reporting verbs, with the monitor's actor names as single terms ("state department").
 * Each term carries a weight before IDF: how often it occurs (sublinear), counted double in the
 * title, times a boost that says how much the term tells one occurrence from another.
 */
export type TermWeights = Map<string, number>;

/** Boosts by kind of term (see `articleTerms`). */
export const TERM_BOOSTS = {
  /** a person the monitor names: who met whom is what tells one meeting from another */
  person: 2.5,
  /** a capitalised word inside a sentence that is no actor: places, other names, products */
  properName: 1.6,
  /** a country, demonym or capital of the monitor: in nearly every article, tells nothing */
  sideName: 0.2,
  /** institutions, titles and outlets of the monitor: frequent, a little telling */
  institution: 0.6,
  plain: 1,
} as const;

const TITLE_FACTOR = 2;

/**
 * Function words, reporting verbs and the vocabulary every diplomatic report shares ("said",
 * "official", "relations"): present in all events alike, they would only pull unrelated
 * articles together while the document frequencies are still few.
 */
const STOPWORDS = new Set(
  `a about above across after again against all almost also although always am among an and
  another any anyone are around as at be became because been before being below between both
  but by can cannot could did do does doing done down during each either else even ever every
  few for from further had has have having he her here hers herself him himself his how however
  i if in into is it its itself just last late later least less let like many may me might more
  most much must my myself near neither never new next no nor not now of off often on once one
  only onto or other others our ours ourselves out over own per perhaps quite rather same she
  should since so some still such than that the their theirs them themselves then there these
  they this those though through thus to too toward towards under until up upon us very via was
  we were what whatever when where whether which while who whom whose why will with within
  without would yet you your yours first second third two three four five six seven eight nine
  ten monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week
  weeks day days month months year years time times morning afternoon evening night earlier
  said says say saying told tells tell added adding stated stressed noted according asked
  declined comment comments statement statements remarks remark spokesperson spokesman
  spokeswoman official officials government governments side sides country countries nation
  nations relations relationship bilateral issue issues matter matters way part mr ms mrs
  including include includes called calls call reported report reports reporters news agency
  press conference briefing briefings readout readouts published release released issued
  would could should make made making take taken took give given gave put see seen well
  jan feb mar apr jun jul aug sep sept oct nov dec january february march april june july
  august september october november december`.split(/\s+/),
);

/** One word: letters first, inner apostrophes, hyphens and digits kept ("f-35", "g20"). */
const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu;

interface Word {
  lower: string;
  original: string;
  /** first word of a sentence (its capital says nothing) */
  sentenceStart: boolean;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let lastEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const original = match[0]
      .replace(/['’]s$/u, '')
      .replace(/['’-]+$/u, '')
      .replace(/’/gu, "'");
    const between = text.slice(lastEnd, match.index);
    lastEnd = match.index + match[0].length;
    words.push({
      lower: original.toLowerCase(),
      original,
      sentenceStart: words.length === 0 || /[.!?:"“”\n]/u.test(between),
    });
  }
  return words;
}

/** Plural and third-person -s folded ("sanctions" and "sanction" are one term). */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('s') && !/(ss|us|is)$/u.test(word)) {
    return word.slice(0, -1);
  }
  return word;
}

interface ActorEntry {
  tokens: string[];
  /** the name as a term, e.g. "state department" */
  term: string;
  boost: number;
  /** written in capitals ("US", "PLA"): only matches a word written so */
  upper: boolean;
}

const actorTables = new Map<string, Map<string, ActorEntry[]>>();

function boostOfKind(kind: string): number {
  if (kind === 'person') return TERM_BOOSTS.person;
  if (kind === 'country' || kind === 'demonym' || kind === 'capital') return TERM_BOOSTS.sideName;
  return TERM_BOOSTS.institution;
}

/** The monitor's actor names by first word, longest first; compiled once per monitor. */
function actorTable(monitor: string): Map<string, ActorEntry[]> {
  let table = actorTables.get(monitor);
  if (table) return table;
  table = new Map();
  for (const info of getCompiledMonitor(monitor).actors.values()) {
    const tokens = [...info.name.matchAll(WORD)].map((m) =>
      m[0]
        .toLowerCase()
        .replace(/['’]s$/u, '')
        .replace(/['’-]+$/u, ''),
    );
    if (tokens.length === 0) continue;
    const letters = info.name.replace(/[^\p{L}]/gu, '');
    const entry: ActorEntry = {
      tokens,
      term: tokens.join(' '),
      boost: boostOfKind(info.kind),
      upper: letters.length > 1 && letters === letters.toUpperCase(),
    };
    const list = table.get(tokens[0]) ?? [];
    list.push(entry);
    list.sort((x, y) => y.tokens.length - x.tokens.length);
    table.set(tokens[0], list);
  }
  actorTables.set(monitor, table);
  return table;
}

/** Forget compiled actor tables (after a deployment's monitor files were reloaded). */
export function clearActorTables(): void {
  actorTables.clear();
}

function matchActor(words: Word[], at: number, table: Map<string, ActorEntry[]>) {
  const candidates = table.get(words[at].lower);
  if (!candidates) return undefined;
  return candidates.find(
    (entry) =>
      at + entry.tokens.length <= words.length &&
      entry.tokens.every((t, k) => words[at + k].lower === t) &&
      (!entry.upper || words[at].original === words[at].original.toUpperCase()),
  );
}

function countTerms(
  text: string,
  monitor: string,
  into: Map<string, { n: number; boost: number }>,
) {
  const table = actorTable(monitor);
  const words = wordsOf(text);
  for (let i = 0; i < words.length; i++) {
    const actor = matchActor(words, i, table);
    if (actor) {
      add(into, actor.term, actor.boost);
      i += actor.tokens.length - 1;
      continue;
    }
    const word = words[i];
    if (word.lower.length < 3 || STOPWORDS.has(word.lower)) continue;
    const capitalised = /^\p{Lu}/u.test(word.original);
    const boost = capitalised && !word.sentenceStart ? TERM_BOOSTS.properName : TERM_BOOSTS.plain;
    add(into, stem(word.lower), boost);
  }
}

function add(into: Map<string, { n: number; boost: number }>, term: string, boost: number) {
  const entry = into.get(term);
  if (entry) {
    entry.n += 1;
    entry.boost = Math.max(entry.boost, boost);
  } else {
    into.set(term, { n: 1, boost });
  }
}

/**
 * The article's terms and their weights before IDF: (1 + ln count) × boost, the title's words
 * counted `TITLE_FACTOR` times. A term keeps the highest boost it was seen with (a place named
 * once mid-sentence stays a name when it also opens a sentence).
 */
export function articleTerms(title: string | null, body: string, monitor: string): TermWeights {
  const counts = new Map<string, { n: number; boost: number }>();
  countTerms(body, monitor, counts);
  if (title) {
    const titleCounts = new Map<string, { n: number; boost: number }>();
    countTerms(title, monitor, titleCounts);
    for (const [term, { n, boost }] of titleCounts) {
      const entry = counts.get(term);
      if (entry) {
        entry.n += n * TITLE_FACTOR;
        entry.boost = Math.max(entry.boost, boost);
      } else counts.set(term, { n: n * TITLE_FACTOR, boost });
    }
  }
  const weights: TermWeights = new Map();
  for (const [term, { n, boost }] of counts) weights.set(term, (1 + Math.log(n)) * boost);
  return weights;
}

/**
 * Plain content words of a text, for distinctive terms: the monitor's actor names (who speaks,
 * not what is said) are left out, and so are the words left out of grouping.
 */
export function contentWords(text: string, monitor: string): string[] {
  const table = actorTable(monitor);
  const words = wordsOf(text);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const actor = matchActor(words, i, table);
    if (actor) {
      i += actor.tokens.length - 1;
      continue;
    }
    const lower = words[i].lower;
    if (lower.length < 3 || STOPWORDS.has(lower)) continue;
    out.push(stem(lower));
  }
  return out;
}
