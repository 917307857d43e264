import { analyzeArticle } from '../../../src/analysis';
import {
  MAX_ATTRIBUTION_SENTENCE_CHARS,
  MAX_HITS_PER_SENTENCE,
  MAX_NAMES_PER_WORD,
} from '../../../src/analysis/attribution/limits';

// The bounds that keep attribution linear (src/analysis/attribution/limits.ts) are far outside
// real news copy; these tests show where they start and what happens past them.

function sideOf(text: string, paragraph = 0): string {
  return analyzeArticle(text).paragraphs[paragraph].side;
}

describe('attribution limits', () => {
  it(`reads sentences up to ${MAX_ATTRIBUTION_SENTENCE_CHARS} characters, none longer`, () => {
    const statement = 'China said the harbour talks would resume';
    const padding = (chars: number): string =>
      ' and the ferries'.repeat(Math.ceil(chars / 16)).slice(0, chars);
    const within = `${statement}${padding(MAX_ATTRIBUTION_SENTENCE_CHARS - statement.length - 1)}.`;
    const beyond = `${statement}${padding(MAX_ATTRIBUTION_SENTENCE_CHARS - statement.length + 40)}.`;
    expect(within.length).toBeLessThanOrEqual(MAX_ATTRIBUTION_SENTENCE_CHARS);
    expect(beyond.length).toBeGreaterThan(MAX_ATTRIBUTION_SENTENCE_CHARS);
    expect(sideOf(within)).toBe('china');
    expect(sideOf(beyond)).toBe('neutral');
  });

  it(`reads the first ${MAX_HITS_PER_SENTENCE} reporting verbs of a sentence outside quotations`, () => {
    const observers = (n: number): string => 'ferry pilots warned, '.repeat(n);
    expect(sideOf(`${observers(MAX_HITS_PER_SENTENCE - 1)}and China said it would wait.`)).toBe(
      'china',
    );
    expect(sideOf(`${observers(MAX_HITS_PER_SENTENCE)}and China said it would wait.`)).toBe(
      'neutral',
    );
  });

  it('does not count reporting verbs inside quotations towards that limit', () => {
    const quote = Array.from({ length: 3 * MAX_HITS_PER_SENTENCE }, () => 'they said').join(', ');
    expect(sideOf(`"${quote}," China said.`)).toBe('china');
  });

  it('finds the mentions of a paragraph with 140,000 actor names again after learning a name', () => {
    // Spreading that many mentions into one call used to overflow the stack (a RangeError).
    const text = `Chinese official Wei Xan said the ferry ran. ${'US '.repeat(140_000)}`;
    const [p] = analyzeArticle(text).paragraphs;
    expect(p.side).toBe('china');
    expect(p.targets).toEqual(['us']);
  });

  it(`remembers at most ${MAX_NAMES_PER_WORD} learned names starting with the same word`, () => {
    // "Quen Ban", "Quen Can", …: made-up names; the first word is learned too, as a name of its own.
    const surnames =
      'Ban Can Dan Fan Gan Han Jan Kan Lan Man Nan Pan Ran San Tan Van Wan Zan'.split(' ');
    const introductions = surnames.map((s) => `Chinese official Quen ${s} said the ferries ran.`);
    const later = (s: string): string =>
      analyzeArticle([...introductions, `Quen ${s} said the port was open.`].join('\n\n'))
        .paragraphs[surnames.length].side;
    // The single word "Quen" and the first fifteen full names fill its list.
    expect(later(surnames[MAX_NAMES_PER_WORD - 2])).toBe('china');
    expect(later(surnames[MAX_NAMES_PER_WORD])).toBe('neutral');
  });
});
