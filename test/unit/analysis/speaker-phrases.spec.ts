import { analyzeArticle } from '../../../src/analysis';

// Speaker phrases read whole (issue 10, class 9): an outlet followed by its description, groups
// of officials, institutions whose head comes after lower-case modifiers. Sentences written for
// these tests in agency, state-media and broadcast styles.

function first(text: string, monitor = 'us-china'): { side: string; speaker: string | null } {
  const p = analyzeArticle(text, { monitor }).paragraphs[0];
  return { side: p.side, speaker: p.speaker };
}

describe('an outlet followed by its description', () => {
  it.each([
    [
      'Xinhua, the Chinese state news agency, reported that the ferry link would reopen in May.',
      'us-china',
      'Xinhua',
      'china',
    ],
    [
      'Xinhua, China\'s official news agency, said the harbour talks had been "candid".',
      'us-china',
      'Xinhua',
      'china',
    ],
    [
      'TASS, the Russian state news agency, reported that the grain convoy had left port.',
      'russia-ukraine',
      'TASS',
      'russia',
    ],
    [
      'Radio Harbour, the Chinese state broadcaster, reported that the bridge would stay shut.',
      'us-china',
      'Radio Harbour',
      'china',
    ],
    [
      "Dnipro Daily, Ukraine's national news agency, said the rail line was repaired overnight.",
      'russia-ukraine',
      'Dnipro Daily',
      'ukraine',
    ],
  ])('%s', (text, monitor, speaker, side) => {
    expect(first(text, monitor)).toEqual({ side, speaker });
  });

  it('keeps the description as the speaker when no name precedes it', () => {
    expect(
      first('The Chinese state news agency reported that the ferry link would reopen.'),
    ).toEqual({ side: 'china', speaker: 'The Chinese state news agency' });
  });

  it('does not take a dateline before a dash for the name', () => {
    const p = first(
      'BEIJING - The Chinese state news agency reported that the ferry link would reopen.',
    );
    expect(p.side).toBe('china');
    expect(p.speaker).not.toBe('BEIJING');
  });
});

describe('groups and institutions read to their head', () => {
  it.each([
    [
      'A bipartisan group of US senators said the port sale should be reviewed.',
      'A bipartisan group of US senators',
      'us',
    ],
    [
      'A group of American lawmakers warned that the harbour deal was risky.',
      'A group of American lawmakers',
      'us',
    ],
    [
      'Several Chinese legislators told state television the bridge plan was sound.',
      'Several Chinese legislators',
      'china',
    ],
    [
      'The US cyber defense agency said the ferry software had been patched.',
      'The US cyber defense agency',
      'us',
    ],
  ])('%s', (text, speaker, side) => {
    expect(first(text)).toEqual({ side, speaker });
  });

  it('still ends a speaker phrase at a time or a preposition', () => {
    expect(first('China on Wednesday sharply criticised the port fees.')).toEqual({
      side: 'china',
      speaker: 'China',
    });
  });
});

describe('frames of a paragraph', () => {
  it('lists a frame a side uses twice once, at its first occurrence', () => {
    const p = analyzeArticle(
      'China firmly opposes the port fees and resolutely opposes the bridge tolls, the ministry said.',
    ).paragraphs[0];
    expect(p.frames.map((f) => [f.frame, f.side, f.phrase])).toEqual([
      ['firmly-opposes', 'china', 'firmly opposes'],
    ]);
  });

  it('keeps the same frame once for each side that uses it', () => {
    const p = analyzeArticle(
      'China said it firmly opposes the port fees. The State Department said it strongly opposes the bridge tolls.',
    ).paragraphs[0];
    expect(p.side).toBe('mixed');
    expect(p.frames.map((f) => [f.frame, f.side])).toEqual([
      ['firmly-opposes', 'china'],
      ['firmly-opposes', 'us'],
    ]);
  });
});
