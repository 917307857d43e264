import { analyzeArticle, MIXED, NEUTRAL } from '../../../src/analysis';

function sides(text: string, monitor?: string, source?: string): string[] {
  return analyzeArticle(text, { monitor, source }).paragraphs.map((p) => p.side);
}

function first(text: string, monitor?: string) {
  return analyzeArticle(text, { monitor }).paragraphs[0];
}

describe('speaker side: single-paragraph attribution patterns (us-china)', () => {
  const cases: [string, string, string | null][] = [
    [
      'Secretary of State Antony Blinken said on Friday that Washington would not accept unilateral changes to the status quo.',
      'us',
      'Secretary of State Antony Blinken',
    ],
    [
      'The Chinese foreign ministry said the visit was a provocation and lodged stern representations with Washington.',
      'china',
      'The Chinese foreign ministry',
    ],
    ['Xi told Biden that US policy had caused serious difficulties in relations.', 'china', 'Xi'],
    ['Biden told Xi that the United States would keep competing vigorously.', 'us', 'Biden'],
    [
      '"We will defend our interests," Chinese Foreign Minister Wang Yi said.',
      'china',
      'Chinese Foreign Minister Wang Yi',
    ],
    [
      '"This is a dangerous path," said Wang Wenbin, a foreign ministry spokesman.',
      'china',
      'Wang Wenbin',
    ],
    [
      'The overall aim, the White House said, was to keep the rivalry from veering into conflict.',
      'us',
      'the White House',
    ],
    ['According to Xinhua, the two presidents discussed trade and Taiwan.', 'china', 'Xinhua'],
    [
      'The Pentagon accused Beijing of reckless intercepts over the South China Sea.',
      'us',
      'The Pentagon',
    ],
    ['Beijing warned Washington against crossing its red lines on Taiwan.', 'china', 'Beijing'],
    [
      'The State Department has repeatedly urged China to release the detained Americans.',
      'us',
      'The State Department',
    ],
    [
      'A senior administration official told reporters that the talks were candid.',
      'us',
      'A senior administration official',
    ],
    ['China announced new export controls on gallium and germanium on Monday.', 'china', 'China'],
    [
      'Chinese state media Xinhua reported that the meeting had been constructive.',
      'china',
      'Chinese state media Xinhua',
    ],
    [
      'The Global Times, a tabloid run by the Communist Party, claimed that the sanctions would backfire.',
      'china',
      'The Global Times',
    ],
    [
      'In a statement, the White House said the president had raised human rights concerns.',
      'us',
      'the White House',
    ],
    [
      'A statement from the Chinese embassy in Washington denounced the decision as interference.',
      'china',
      'A statement from the Chinese embassy in Washington',
    ],
  ];
  it.each(cases)('%s', (text, side, speaker) => {
    const p = first(text);
    expect(p.side).toBe(side);
    if (speaker) expect(p.speaker).toBe(speaker);
    expect(p.evidence).not.toBeNull();
  });

  it('records evidence offsets that cover the speaker and the verb', () => {
    const text = 'Officials in Washington were cautious. Xi told Biden that the policy had failed.';
    const p = first(text);
    expect(p.side).toBe('china');
    expect(p.text.slice(p.evidence!.start, p.evidence!.end)).toBe('Xi told');
  });

  it('names the verb and the speaker in the reason', () => {
    const p = first('The Pentagon accused Beijing of reckless intercepts.');
    expect(p.sideReason).toContain("'accused'");
    expect(p.sideReason).toContain('The Pentagon');
  });
});

describe('speaker side: who is mentioned is not who speaks', () => {
  it.each([
    ['Biden met Xi in Woodside, California, on the sidelines of the summit.', NEUTRAL],
    ['Relations between Washington and Beijing have been strained for years.', NEUTRAL],
    ['Biden and Xi are expected to meet again next year.', NEUTRAL],
    ['The talks with Xi lasted four hours, and analysts said little had changed.', NEUTRAL],
  ])('%s', (text, side) => {
    expect(first(text).side).toBe(side);
  });

  it('keeps a third-party speaker as the speaker but gives no side', () => {
    const p = first('Analysts at the Eurasia Group said the meeting would not end the trade war.');
    expect(p.side).toBe(NEUTRAL);
    expect(p.speaker).toBe('Analysts at the Eurasia Group');
  });

  it('records the side talked about as a target, apart from the speaker', () => {
    const p = first('Beijing accused Washington of bullying smaller countries.');
    expect(p.side).toBe('china');
    expect(p.targets).toEqual(['us']);
  });

  it('has no target when a side only describes itself', () => {
    const p = first('China announced that it would cut its tariffs on farm goods.');
    expect(p.targets).toEqual([]);
  });
});

describe('speaker side: both sides and joint statements', () => {
  it('is mixed when each side speaks in the same paragraph', () => {
    const p = first(
      'Blinken said the talks were frank. Wang Yi said Washington must stop containing China.',
    );
    expect(p.side).toBe(MIXED);
    expect(p.speaker).toBe('Blinken; Wang Yi');
  });

  it('is mixed for a joint statement of both sides', () => {
    expect(first('Both sides agreed to restore military communication channels.').side).toBe(MIXED);
  });
});

describe('speaker side: coreference and carried-over quotes', () => {
  const article = [
    'BEIJING - China on Tuesday criticized a new round of US chip restrictions.',
    'A Chinese commerce ministry spokesperson said the measures violated trade rules.',
    'The spokesperson added that Beijing would take necessary measures.',
    '"The United States keeps abusing the concept of national security," she said.',
    '"We urge it to correct its mistakes at once."',
    'The Commerce Department declined to comment, but a senior administration official said the rules were narrowly targeted.',
    'The official said Washington was not seeking to decouple from China.',
    'He added that the rules would be reviewed every year.',
  ].join('\n\n');

  it('follows the speaker through nominal and pronoun references and unattributed quotes', () => {
    expect(sides(article)).toEqual(['china', 'china', 'china', 'china', 'china', 'us', 'us', 'us']);
  });

  it('explains a coreference in the reason', () => {
    const p = analyzeArticle(article).paragraphs[6];
    expect(p.speaker).toBe('The official');
    expect(p.sideReason).toContain('refers to');
  });

  it('resolves "the Chinese leader" by its demonym, not by the last speaker', () => {
    const text =
      'Biden said the call was productive.\n\nThe Chinese leader said Washington should stop arming Taiwan.';
    expect(sides(text)).toEqual(['us', 'china']);
  });

  it('resolves "the ministry" to the last ministry that spoke, past another speaker', () => {
    const text = [
      'The Chinese foreign ministry said the sanctions were illegal.',
      'Blinken said the sanctions would stay in place.',
      'The ministry said China would respond firmly.',
    ].join('\n\n');
    expect(sides(text)).toEqual(['china', 'us', 'china']);
  });

  it('does not let an unattributed quote inherit from narration', () => {
    const text = 'The summit opened in Bali on Monday.\n\n"It is a good day," one delegate said.';
    expect(sides(text)).toEqual([NEUTRAL, NEUTRAL]);
  });

  it('continues a quotation left open at the end of the previous paragraph', () => {
    const text =
      'Xi said: "We do not seek a cold war.\n\nChina will never seek hegemony or expansion."';
    expect(sides(text)).toEqual(['china', 'china']);
  });
});

describe('speaker side: outlet as the article source', () => {
  const text =
    'The two countries held talks in Beijing on trade.\n\nThe talks were described as positive and pragmatic.';

  it('gives unattributed paragraphs the side of a configured outlet, with the reason', () => {
    const a = analyzeArticle(text, { source: 'Xinhua' });
    expect(a.paragraphs.map((p) => p.side)).toEqual(['china', 'china']);
    expect(a.paragraphs[0].sideReason).toContain("source 'Xinhua'");
  });

  it('ignores an outlet that is not configured for the monitor', () => {
    expect(sides(text, undefined, 'Reuters')).toEqual([NEUTRAL, NEUTRAL]);
  });

  it('takes the outlet from a dateline such as "(Xinhua) --"', () => {
    const dated =
      'BEIJING, March 3 (Xinhua) -- The two countries held talks on trade.\n\nThe talks were pragmatic.';
    expect(sides(dated)).toEqual(['china', 'china']);
  });

  it('does not let the outlet override an attributed speaker', () => {
    const mixedText = 'Blinken said the talks were useful.';
    expect(sides(mixedText, undefined, 'Xinhua')).toEqual(['us']);
  });
});

describe('speaker side: the russia-ukraine monitor', () => {
  const cases: [string, string][] = [
    ['Kremlin spokesman Dmitry Peskov said Moscow remained open to talks.', 'russia'],
    ['Zelenskyy urged allies to speed up deliveries of air defense systems.', 'ukraine'],
    [
      '"Russia is trying to freeze the war," Ukrainian Foreign Minister Andrii Sybiha told reporters.',
      'ukraine',
    ],
    [
      'According to the Russian Defense Ministry, air defenses shot down 41 drones overnight.',
      'russia',
    ],
    ['TASS reported that the talks in Istanbul had ended without agreement.', 'russia'],
    [
      "Ukraine's General Staff said Russian forces had launched 70 attacks near Pokrovsk.",
      'ukraine',
    ],
    ['Lavrov accused Kyiv of sabotaging the peace process.', 'russia'],
    ['The Russian and Ukrainian delegations met for less than two hours.', NEUTRAL],
  ];
  it.each(cases)('%s', (text, side) => {
    expect(first(text, 'russia-ukraine').side).toBe(side);
  });

  it('does not know us-china actors', () => {
    expect(first('Biden said the talks were useful.', 'russia-ukraine').side).toBe(NEUTRAL);
  });

  it('follows "the Kremlin leader" and "he" in a Russia-Ukraine article', () => {
    const text = [
      'Putin said Russia would achieve all of its goals in Ukraine.',
      'He added that the West was prolonging the conflict.',
      'Zelenskyy said the remarks showed Moscow did not want peace.',
    ].join('\n\n');
    expect(sides(text, 'russia-ukraine')).toEqual(['russia', 'russia', 'ukraine']);
  });
});

describe('speaker side: reported speech and third parties', () => {
  it('keeps speech reported inside another statement with its reporter', () => {
    const p = first(
      'The Turkish foreign minister said the talks would be hard but that both sides had confirmed their attendance.',
    );
    expect(p.side).toBe(NEUTRAL);
    expect(p.speaker).toBe('The Turkish foreign minister');
  });

  it('does not let a third-country official refer back to an earlier speaker', () => {
    const text =
      'Peskov said Moscow was ready.\n\nThe Turkish foreign minister said the talks would be difficult.';
    expect(sides(text, 'russia-ukraine')).toEqual(['russia', NEUTRAL]);
  });

  it('trims adverbials off the speaker phrase but keeps titles and names', () => {
    expect(first('China on Wednesday sharply criticized the new export rules.').speaker).toBe(
      'China',
    );
    expect(
      first('Commerce Ministry spokesperson He Yadong told a briefing the rules were unfair.')
        .speaker,
    ).toBe('Commerce Ministry spokesperson He Yadong');
  });

  it('stops the subject at the verb, so an object of the statement does not become a speaker', () => {
    const p = first(
      "Ukraine's Foreign Ministry said Russian drones had damaged silos near Odesa, and called the strikes deliberate.",
      'russia-ukraine',
    );
    expect(p.side).toBe('ukraine');
  });
});
