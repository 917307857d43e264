import labels from 'sentiment/languages/en/labels.json';
import negators from 'sentiment/languages/en/negators.json';
import emoji from 'sentiment/build/emoji.json';

/**
 * The raw AFINN-165 figures of the `sentiment` package (5.0.2), computed inside Tonewatch's own
 * tokenisation pass instead of a second pass through `sentiment.analyze`. `sentiment` stays the
 * source of the word list (its `labels.json`, with the emoji it merges in, and its negators), and
 * the unit tests check that `score` and `comparative` are exactly what `sentiment.analyze`
 * reports. Its rules, as read in `lib/tokenize.js`, `lib/index.js` and
 * `languages/en/scoring-strategy.js`:
 *
 * - lower-case the text; `\n` and each of `.,/#!?$%^&*;:{}=_\`"~()` become a space; runs of two or
 *   more whitespace characters (JavaScript `\s`) become one space; trim; split on the space.
 *   A lone tab, carriage return or no-break space between two words stays inside the token, and
 *   quotes, dashes and apostrophes other than these stay attached ("“good”" is one token).
 * - every token that is a key of the word list scores its weight, negated when the token before it
 *   is a negator; `comparative` is the score divided by the number of tokens (an empty text has
 *   one empty token).
 */

/** Sentiment's word list: AFINN-165 plus the emoji `sentiment` merges into it, as own keys. */
export const AFINN_LABELS = new Map<string, number>([
  ...Object.entries(labels as Record<string, number>),
  ...Object.entries(emoji as Record<string, number>),
]);

const NEGATOR_OBJECT: Record<string, unknown> = negators;

/**
 * Whether `sentiment` treats the token as a negator. It tests `negators[token]` on a plain
 * object, so an inherited property ("constructor") counts too; this keeps that behaviour.
 */
export function isAfinnNegator(token: string): boolean {
  return Boolean(NEGATOR_OBJECT[token]);
}

/** Character classes for code units below 128. */
export const C_WORD = 1; // A-Z a-z 0-9: Tonewatch word characters
export const C_SEPARATOR = 2; // characters `sentiment` turns into a token boundary
export const C_SPACE = 4; // other whitespace: a boundary only in a run of two or more
export const CHAR_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = C_WORD;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = C_WORD;
for (let c = 97; c <= 122; c++) CHAR_CLASS[c] = C_WORD;
for (const ch of ' \n.,/#!?$%^&*;:{}=_`"~()') CHAR_CLASS[ch.charCodeAt(0)] = C_SEPARATOR;
for (const ch of '\t\v\f\r') CHAR_CLASS[ch.charCodeAt(0)] = C_SPACE;

/** JavaScript `\s` above ASCII (no-break, typographic and ideographic spaces, BOM). */
export function isWideSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
