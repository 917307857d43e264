import gazetteer from '../data/gazetteer.json';
import lexicon from '../data/lexicon/attribution.json';

// Every word list of the attribution rules, read once from data/lexicon/attribution.json (each
// group there has a note saying why it is there) and data/gazetteer.json.

const words = (group: { words: string[] }): Set<string> => new Set(group.words);
const alternatives = (list: string[]): string => list.join('|');

/** Reporting-verb forms ("said", "told", "blasted", ", saying …"). */
export const SPEECH_VERBS = new Set(lexicon.speechVerbs.flatMap((v) => v.forms));

/** "according to", "provided by": each slot lists the words allowed at that position. */
export interface SourceMarker {
  slots: Set<string>[];
}
export const SOURCE_MARKERS: SourceMarker[] = lexicon.sourceMarkers.map((m) => ({
  slots: m.tokens.map((slot) => new Set(slot.split('|'))),
}));

export const PASSIVE = words(lexicon.passiveMarkers);
export const COREF_HEADS = words(lexicon.corefHeads);
export const PRONOUNS = words(lexicon.pronouns);
export const RELATIVE_PRONOUNS = words(lexicon.relativePronouns);
export const POSSESSIVE_PRONOUNS = words(lexicon.possessivePronouns);
export const GROUP_PATTERN = new RegExp(
  `\\b(?:${alternatives(lexicon.groups.openers)})\\s+(?:${alternatives(lexicon.groups.heads)})\\b`,
  'i',
);
export const CLAUSE_STARTERS = words(lexicon.clauseStarters);
export const TITLE_WORDS = words(lexicon.titleWords);
export const EXPERT_HEADS = words(lexicon.expertHeads);
export const DETERMINERS = words(lexicon.determiners);
export const SUBORDINATORS = words(lexicon.subordinators);
export const DISTRIBUTIVES = words(lexicon.distributives);
export const STATEMENT_VERBS = new Set(lexicon.statementPhrases.verbs);
export const STATEMENT_NOUNS = new Set(lexicon.statementPhrases.nouns);
export const PREPOSITIONAL_OPENERS = words(lexicon.prepositionalOpeners);
export const AUX = words(lexicon.auxiliaries);
export const NEGATIONS = words(lexicon.negations);
export const NAME_BLOCKERS = words(lexicon.nameBlockers);
export const OBJECT_PREPOSITIONS = words(lexicon.objectPrepositions);
export const LOCATIVE = words(lexicon.locativePrepositions);
export const ROLE_PREPOSITIONS = words(lexicon.rolePrepositions);
export const INVERTED_STOP = words(lexicon.invertedStop);
export const INVERTING_VERBS = words(lexicon.invertingVerbs);

/** An inverted speaker ("said the official", "said Zhang", "said he") opens with a name, an article or a pronoun. */
export const INVERTED_SPEAKER_START = new RegExp(
  `^\\s*(?:[A-Z]|(?:${alternatives(lexicon.invertedSpeakerOpeners.words)})\\b)`,
);
/** ", a spokesman for the defense ministry" after an inverted speaker. */
export const APPOSITIVE_START = new RegExp(
  `^\\s*,\\s*(?:${alternatives(lexicon.appositiveOpeners.words)})\\s`,
  'i',
);
/** "a tabloid run by the party": a phrase opening with an indefinite article. */
export const INDEFINITE_START = new RegExp(
  `^(?:${alternatives(lexicon.indefiniteArticles.words)})\\s`,
  'i',
);

/** "the Chinese state news agency": a phrase opening with a definite article. */
export const DEFINITE_START = new RegExp(
  `^(?:${alternatives(lexicon.definiteArticles.words)})\\s`,
  'i',
);

/** Last word of every country, demonym and capital: "Japan's", "Philippine", "Korean", "Tokyo". */
export const PLACE_WORDS = new Set(
  gazetteer.entries.flatMap((entry) =>
    entry.split(/[|,]/).map((name) => name.trim().split(/\s+/).pop() ?? name),
  ),
);

/** "officials" → "official" when the singular is a coreference head. */
export function singular(word: string): string {
  return word.endsWith('s') && COREF_HEADS.has(word.slice(0, -1)) ? word.slice(0, -1) : word;
}

/** Coreference heads named in a phrase: "the ministry's spokesperson" → ministry, spokesperson. */
export function headsOf(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[^a-z]+/)
    .map(singular)
    .filter((w) => COREF_HEADS.has(w));
}
