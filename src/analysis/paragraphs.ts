export interface ParagraphSpan {
  index: number;
  text: string;
  start: number;
  end: number;
}

const BLANK_LINE = /\r?\n[ \t\u00A0]*\r?\n/;
const SEPARATOR_BLANK = /(?:\r?\n[ \t\u00A0]*){2,}/g;
const SEPARATOR_LINE = /\r?\n/g;

/**
 * Paragraphs are separated by blank lines. Text that has no blank line at all but several
 * lines is treated as one paragraph per line, which is how feeds and copy-paste deliver it.
 * Offsets point into the original text; surrounding whitespace is trimmed off each paragraph.
 */
export function splitParagraphs(text: string): ParagraphSpan[] {
  const separator = BLANK_LINE.test(text) ? SEPARATOR_BLANK : SEPARATOR_LINE;
  const out: ParagraphSpan[] = [];
  separator.lastIndex = 0;
  let cursor = 0;
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ index: out.length, text: text.slice(s, e), start: s, end: e });
  };
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    push(cursor, m.index);
    cursor = m.index + m[0].length;
  }
  push(cursor, text.length);
  return out;
}
