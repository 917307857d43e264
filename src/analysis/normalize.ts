/**
 * Typographic characters are mapped one-for-one onto ASCII so that every offset computed on
 * the normalised text is also an offset in the original text (the API promises original offsets).
 */
const CHAR_MAP: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u0060': "'",
  '\u00B4': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00A0': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u2026': '.',
};

const TYPOGRAPHIC =
  /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2010-\u2015\u2212\u00A0\u2009\u202F\u2026]/g;

/** Same length as the input, so offsets carry over unchanged. */
export function normalizeTypography(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 128;
  if (ascii) return text;
  return text.replace(TYPOGRAPHIC, (c) => CHAR_MAP[c] ?? c);
}

/**
 * British and tabloid copy quotes with single marks: where a paragraph has no double quote, its
 * single-quoted quotations are rewritten as double quotes, character for character (offsets
 * stay valid), so attribution treats them as quotations. An opening mark stands at the start or
 * after a space or bracket, before a letter; a closing one right after the punctuation that ends
 * the quoted words ("…the law,' Liu said"). Apostrophes and quotes nested inside a quotation
 * are left alone.
 */
export function singleQuotesAsDouble(text: string): string {
  if (text.includes('"') || !text.includes("'")) return text;
  const out = text.split('');
  let open = -1;
  for (let i = text.indexOf("'"); i >= 0; i = text.indexOf("'", i + 1)) {
    const prev = i > 0 ? text[i - 1] : ' ';
    const next = i + 1 < text.length ? text[i + 1] : ' ';
    if (open < 0 && /[\s(]/.test(prev) && /[A-Za-z]/.test(next)) open = i;
    else if (open >= 0 && /[,.!?]/.test(prev) && /\s/.test(next)) {
      out[open] = '"';
      out[i] = '"';
      open = -1;
    } else if (open >= 0 && i === text.length - 1 && /[,.!?]/.test(prev)) {
      out[open] = '"';
      out[i] = '"';
      open = -1;
    }
  }
  return out.join('');
}
