import { analyzeArticle, NEUTRAL } from '../../../src/analysis';

// Third countries, agency paraphrase, single-quoted quotations and people the monitor knows, on
// sentences written for this test in agency, state-media and tabloid styles.

function last(monitor: string, ...paragraphs: string[]): { side: string; speaker: string | null } {
  const result = analyzeArticle(paragraphs.join('\n\n'), { monitor });
  const p = result.paragraphs[result.paragraphs.length - 1];
  return { side: p.side, speaker: p.speaker };
}

describe('third countries are no side', () => {
  it.each([
    ['us-china', "Japan's Foreign Ministry said it was watching the exercises closely."],
    ['us-china', 'The Philippine foreign ministry said a supply boat had been blocked.'],
    ['us-china', "Russia's Foreign Ministry said the sanctions would not change Moscow's course."],
    ['us-china', 'The South Korean foreign ministry said Seoul had not been consulted.'],
    ['russia-ukraine', "Poland's foreign ministry said the debris had fallen inside its borders."],
    ['russia-ukraine', 'The Chinese Foreign Ministry said Beijing supported peace talks.'],
    ['russia-ukraine', 'The Hungarian foreign ministry said it would block the new package.'],
  ])('%s: %s', (monitor, sentence) => {
    expect(last(monitor, sentence).side).toBe(NEUTRAL);
  });

  it.each([
    ['us-china', 'china', 'The Chinese Foreign Ministry said the patrol was a provocation.'],
    ['us-china', 'china', 'The Foreign Ministry said the patrol was a provocation.'],
    ['russia-ukraine', 'ukraine', "Ukraine's foreign ministry said the strike hit a school."],
    ['russia-ukraine', 'russia', "Russia's foreign ministry said the drones were shot down."],
  ])('the monitor’s own institutions keep their side (%s)', (monitor, side, sentence) => {
    expect(last(monitor, sentence).side).toBe(side);
  });
});

describe('agency paraphrase with the speaker after the verb', () => {
  it('"…, said NAME, a senior Chinese official" gives the appositive’s side and teaches the name', () => {
    const paragraphs = [
      'The visit of the trade delegation opened a new chapter in port cooperation, said Liang Weiming, a senior Chinese official, in Lima on Saturday.',
      'More shipping routes would follow next year, Liang said.',
    ];
    expect(last('us-china', paragraphs[0])).toEqual({ side: 'china', speaker: 'Liang Weiming' });
    expect(last('us-china', ...paragraphs).side).toBe('china');
  });

  it('an object clause after "said" is no inverted speaker', () => {
    expect(
      last(
        'us-china',
        'Secretary of State Marcus Hale, speaking to reporters in Manila, said Washington did not want a crisis.',
      ),
    ).toEqual({ side: 'us', speaker: 'Secretary of State Marcus Hale' });
  });
});

describe('single-quoted quotations', () => {
  it("a quotation in single marks is not the speaker's own clause", () => {
    expect(
      last(
        'us-china',
        "'Our students are welcome and their visas are a matter of routine,' Chinese embassy spokesman Li Pengcheng told the paper.",
      ).side,
    ).toBe('china');
  });

  it('a nested quotation inside single marks does not break the outer one', () => {
    expect(
      last(
        'us-china',
        "'Talk of a 'debt trap' in the port deal is pure invention,' said Zhao Mingde, a spokesperson at China's embassy in Canberra, in a statement.",
      ).side,
    ).toBe('china');
  });

  it('apostrophes alone are no quotation', () => {
    expect(
      last(
        'us-china',
        "Chinese officials said the ministry's position hadn't changed since 'last year'.",
      ).side,
    ).toBe('china');
  });
});

describe('statements made, issued or raised', () => {
  it.each([
    ['us', 'The White House later issued a statement welcoming the agreement.'],
    ['china', 'The Chinese embassy lodged a formal protest with the State Department.'],
  ])('%s: %s', (side, sentence) => {
    expect(last('us-china', sentence).side).toBe(side);
  });

  it('"he raised … accusations" continues the last speaker', () => {
    expect(
      last(
        'us-china',
        'Secretary of State Marcus Hale said the ports agreement was a good start.',
        'But she raised old complaints from American farmers about soybean quotas.',
      ).side,
    ).toBe('us');
  });
});

describe('people of the monitor named in passing', () => {
  it('are known by surname for the rest of the article', () => {
    expect(
      last(
        'us-china',
        'The French president held a long call with Wang Yi on Friday about aviation deals.',
        'Wang stressed that Airbus orders depended on calmer trade relations.',
      ),
    ).toEqual({ side: 'china', speaker: 'Wang' });
  });

  it('the named speaker wins over the document that reports the words', () => {
    expect(
      last(
        'us-china',
        'Xi told his guest the two nations ought to work side by side, according to a translation of the remarks.',
      ),
    ).toEqual({ side: 'china', speaker: 'Xi' });
  });
});
