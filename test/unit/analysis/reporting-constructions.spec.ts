import { analyzeArticle, MIXED, NEUTRAL } from '../../../src/analysis';

// Reporting constructions of real news copy, on sentences written for this test in agency,
// state-media and broadcast styles. Each case is one article; the last paragraph is checked.

function lastSide(monitor: string, ...paragraphs: string[]): string {
  const result = analyzeArticle(paragraphs.join('\n\n'), { monitor });
  return result.paragraphs[result.paragraphs.length - 1].side;
}

describe('reporting verbs beyond "said"', () => {
  it.each([
    ['us', 'The Commerce Secretary cheered what she called real momentum in the talks.'],
    ['china', 'Beijing blasted the new chip rules as economic bullying on Thursday.'],
    ['us', 'The State Department reaffirmed its commitment to freedom of navigation.'],
    ['china', 'The Chinese embassy lamented the decision and defended its own trade record.'],
    ['us', 'The Pentagon conceded that the intercept had been closer than first reported.'],
    ['china', 'Xinhua highlighted the progress made at the talks in a commentary on Monday.'],
  ])('%s: %s', (side, sentence) => {
    expect(lastSide('us-china', sentence)).toBe(side);
  });

  it.each([
    ['russia', 'The Kremlin hit back at the new sanctions, accusing the West of economic warfare.'],
    ['ukraine', 'Kyiv rejected the offer within hours, calling it a stunt for the cameras.'],
    ['us', 'The White House stood by the decision on Friday, saying it had been long overdue.'],
  ])('a participial tail attaches to the main subject (%s): %s', (side, sentence) => {
    const monitor = side === 'us' ? 'us-china' : 'russia-ukraine';
    expect(lastSide(monitor, sentence)).toBe(side);
  });

  it('a participial tail inside a reported clause stays with the speaker', () => {
    expect(
      lastSide(
        'russia-ukraine',
        'The Ukrainian defence minister said on Sunday that the enemy had fired glide bombs at two border towns, calling it terror against farmers.',
      ),
    ).toBe('ukraine');
  });
});

describe('forms that report no statement', () => {
  it.each([
    'Importers of Brazilian coffee now pay an added fee at every port of entry.',
    'Markets barely moved on the reported deal, which traders had long priced in.',
    'The Commerce Department has not explained which suppliers the licensing rule will cover.',
    'The foreign ministry did not say when the envoy would return to Washington.',
  ])('%s', (sentence) => {
    expect(lastSide('us-china', sentence)).toBe(NEUTRAL);
  });

  it('a warning as a noun attributes nothing', () => {
    expect(lastSide('us-china', 'Shipping insurers issued a warning about the strait.')).toBe(
      NEUTRAL,
    );
  });
});

describe('speakers inside subordinate clauses are background', () => {
  it.each([
    ['us-china', 'After Beijing announced the export curbs, chip shares fell sharply in Asia.'],
    ['russia-ukraine', 'When Moscow raised gas prices, several factories in the region shut down.'],
    [
      'us-china',
      'While Washington says the rules target only advanced chips, exporters are unsure.',
    ],
  ])('%s: %s', (monitor, sentence) => {
    expect(lastSide(monitor, sentence)).toBe(NEUTRAL);
  });

  it('the main clause speaker carries the sentence', () => {
    expect(
      lastSide(
        'us-china',
        'After the Treasury announced the sanctions, the Chinese foreign ministry said it would take countermeasures.',
      ),
    ).toBe('china');
  });
});

describe('pronouns after an independent voice', () => {
  it('"he" after a third-party speaker stays with that speaker', () => {
    expect(
      lastSide(
        'russia-ukraine',
        "Ukraine's foreign minister said the strike had hit a hospital.",
        'The IAEA director general said the plant had been hit again.',
        'He named neither army as responsible, but insisted that inspectors be given access.',
      ),
    ).toBe(NEUTRAL);
  });
});

describe('"each" and "both" after both sides have spoken', () => {
  it('speaks for every side heard', () => {
    expect(
      lastSide(
        'russia-ukraine',
        'The Russian defence ministry said its strikes had hit military targets.',
        "Ukraine's air force said it had downed most of the drones over the capital.",
        'Each says its own drones fly only at military depots.',
      ),
    ).toBe(MIXED);
  });

  it('is no side when only one side has spoken', () => {
    expect(
      lastSide(
        'russia-ukraine',
        'The Russian defence ministry said its strikes had hit military targets.',
        'Each says the attacks will go on.',
      ),
    ).not.toBe(MIXED);
  });
});

describe('relative clauses, governed names and verbs that take an object', () => {
  it.each([
    [
      'china',
      "The sanctions drew a rebuke from China's foreign ministry, which said they broke trade rules.",
    ],
    ['us', 'The plan was welcomed by the State Department, which said it would calm the strait.'],
    ['china', 'The report met a swift reply from Beijing, which said it was built on rumours.'],
  ])("', which said' speaks for the name before the comma (%s): %s", (side, sentence) => {
    expect(lastSide('us-china', sentence)).toBe(side);
  });

  it("', which said' after a name that is no actor is no one's statement", () => {
    expect(
      lastSide(
        'us-china',
        'Washington fined the shipping firm Harbor Line, which said it would appeal.',
      ),
    ).toBe(NEUTRAL);
  });

  it.each([
    ['china', "China's ambassador to the US, Xie Lan, said the ties were at a crossroads."],
    ['us', 'The US envoy to China, Nick Moore, said competition need not mean conflict.'],
  ])(
    'a name after "to the" is whom a role is sent to, not whom it speaks for (%s): %s',
    (side, sentence) => {
      expect(lastSide('us-china', sentence)).toBe(side);
    },
  );

  it('a reporting verb after a comma that does not invert takes an object, not a speaker', () => {
    expect(
      lastSide('us-china', 'US lawmakers, including Senator Joan Pell, called the move reckless.'),
    ).toBe('us');
  });
});

describe('possessive institutions and verbs that do not invert after a quotation', () => {
  it.each([
    [
      'us-china',
      'china',
      'China on Friday put three US drone makers on a trade blacklist, its commerce ministry said.',
    ],
    [
      'russia-ukraine',
      'russia',
      'Russia fired 60 drones at the port overnight, its defence ministry said.',
    ],
    [
      'russia-ukraine',
      'ukraine',
      'Ukraine summoned the Hungarian envoy over the remarks, its foreign ministry said.',
    ],
  ])(
    "'its <institution> said' speaks for the actor that opens the sentence (%s, %s): %s",
    (monitor, side, sentence) => {
      expect(lastSide(monitor, sentence)).toBe(side);
    },
  );

  it("'its' with no actor before it in the sentence names no side", () => {
    expect(
      lastSide('us-china', 'The shipping firm cut its routes by a third, its board said.'),
    ).toBe(NEUTRAL);
  });

  it('a quotation followed by a name, an appositive and "told" keeps the name as the speaker', () => {
    expect(
      lastSide(
        'us-china',
        'Foreign ministry spokesman Lin Jian took questions on Monday.',
        '"Washington should stop smearing others," Lin Jian, the spokesman, told a daily briefing.',
      ),
    ).toBe('china');
  });

  it("'the Treasury' is the US Treasury in the US–China monitor", () => {
    expect(
      lastSide(
        'us-china',
        'The sanctions, the Treasury said, target firms that helped ship chips to Moscow.',
      ),
    ).toBe('us');
  });
});
