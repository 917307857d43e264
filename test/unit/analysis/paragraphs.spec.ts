import { splitParagraphs } from '../../../src/analysis';

describe('splitParagraphs', () => {
  it('splits on blank lines and keeps offsets into the original text', () => {
    const text = 'First one.\n\nSecond one.\n\n\nThird.';
    const ps = splitParagraphs(text);
    expect(ps.map((p) => p.text)).toEqual(['First one.', 'Second one.', 'Third.']);
    for (const p of ps) expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(ps.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it('copes with \\r\\n and whitespace-only separator lines', () => {
    const text = 'One.\r\n  \r\nTwo.\r\n\r\nThree.';
    expect(splitParagraphs(text).map((p) => p.text)).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('treats single newlines as paragraph breaks when there is no blank line at all', () => {
    expect(splitParagraphs('One.\nTwo.\nThree.').map((p) => p.text)).toEqual([
      'One.',
      'Two.',
      'Three.',
    ]);
  });

  it('keeps single newlines inside a paragraph when blank lines separate paragraphs', () => {
    const ps = splitParagraphs('Line one\ncontinues.\n\nNext.');
    expect(ps.map((p) => p.text)).toEqual(['Line one\ncontinues.', 'Next.']);
  });

  it('trims stray whitespace and keeps typographic quotes and the dateline', () => {
    const text = '   (CNN) – “Hello,” he said.  \n\n\t Second.\t';
    const ps = splitParagraphs(text);
    expect(ps[0].text).toBe('(CNN) – “Hello,” he said.');
    expect(text.slice(ps[1].start, ps[1].end)).toBe('Second.');
  });

  it('returns nothing for empty or blank input', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs(' \n\n \r\n')).toEqual([]);
  });
});
