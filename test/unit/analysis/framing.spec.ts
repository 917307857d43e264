import { analyzeArticle, FRAMES } from '../../../src/analysis';

function frames(text: string, monitor?: string) {
  return analyzeArticle(text, { monitor }).paragraphs.flatMap((p) => p.frames);
}

describe('framing lexicon', () => {
  it('every frame has an id, a meaning, patterns, a polarity and a note', () => {
    for (const f of FRAMES) {
      expect(f.id).toMatch(/^[a-z-]+$/);
      expect(f.meaning.length).toBeGreaterThan(10);
      expect(f.patterns.length).toBeGreaterThan(0);
      expect([-1, 0, 1]).toContain(f.polarity);
      expect(f.note.length).toBeGreaterThan(5);
    }
  });

  it('matches with inflection and small gaps, and reports the text as written', () => {
    const hits = frames(
      'Xi said US policy had caused serious economic difficulties for both countries.',
    );
    expect(hits).toEqual([
      expect.objectContaining({
        frame: 'serious-difficulties',
        phrase: 'serious economic difficulties',
        side: 'china',
        negated: false,
      }),
    ]);
  });

  it('matches "familiar and sincere" as one phrase and "respectful" apart', () => {
    const hits = frames(
      'The official called the tone of the call “respectful” and “familiar and sincere”.',
    );
    expect(hits.map((h) => [h.frame, h.phrase])).toEqual([
      ['respectful', 'respectful'],
      ['familiar-and-sincere', 'familiar and sincere'],
    ]);
  });

  it('marks negation before the phrase', () => {
    const [hit] = frames('Wang Yi said the US approach was not respectful.');
    expect(hit).toMatchObject({ frame: 'respectful', negated: true, side: 'china' });
  });

  it('gives each hit the side of the sentence that says it in a mixed paragraph', () => {
    const hits = frames(
      'Blinken said the talks were candid. Wang Yi said China firmly opposes US interference in its internal affairs.',
    );
    const bySide = Object.fromEntries(hits.map((h) => [h.frame, h.side]));
    expect(bySide).toEqual({ candid: 'us', 'firmly-opposes': 'china', interference: 'china' });
  });

  it('gives narration hits the neutral side', () => {
    const [hit] = frames('Relations have been strained for years.');
    expect(hit).toMatchObject({ frame: 'strained-relations', side: 'neutral' });
  });

  it('offsets point at the phrase within the paragraph', () => {
    const a = analyzeArticle('Intro.\n\nThe Chinese leader called for win-win cooperation.');
    const p = a.paragraphs[1];
    const hit = p.frames[0];
    expect(p.text.slice(hit.start, hit.end)).toBe('win-win');
  });

  it('finds Russian and Ukrainian framings in the second monitor', () => {
    const hits = frames(
      'Putin said the special military operation would continue. Zelenskyy called it a war of aggression.',
      'russia-ukraine',
    );
    expect(hits.map((h) => [h.frame, h.side])).toEqual([
      ['special-military-operation', 'russia'],
      ['aggression', 'ukraine'],
    ]);
  });
});
