// Bounds that keep attribution linear in the length of a paragraph, however it is written
// (docs/analysis.md, "Speed"). Real news stays far inside them: the longest sentence of the
// samples, the seed article and 2,472 NYT editorial sentences is 430 characters, a sentence
// rarely has more than four reporting verbs outside its quotations, and a paragraph introduces
// one or two new names. Only run-on or machine-made text reaches them.

/**
 * A "sentence" longer than this (no sentence end for 2,000 characters: run-on text, a table, a
 * list flattened into one line) is not searched for attributions. Every backward scan of the
 * rules (clause starts, earlier clauses, the words before a verb) stops at the sentence start,
 * so this also bounds each of those scans.
 */
export const MAX_ATTRIBUTION_SENTENCE_CHARS = 2_000;

/** Reporting verbs, and source markers, read per sentence outside quotation marks; the rest are ignored. */
export const MAX_HITS_PER_SENTENCE = 16;

/** Times a paragraph's mentions are found again because a name was learned in it. */
export const MAX_MENTION_REFRESHES = 16;

/** Learned names that may start with the same word ("Wang Yi", "Wang Wenbin", "Wang"). */
export const MAX_NAMES_PER_WORD = 16;
