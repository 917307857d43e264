import { analyzeArticle, NEUTRAL } from '../../../src/analysis';

// Independent voices (analysts, scholars, experts) carry no side even when a side's name
// marks their field ("a China analyst"); a possessive country name opens an institution
// written in lower case ("Russia's foreign ministry"); rank abbreviations and lower-case titles
// stay inside a speaker phrase ("Pentagon press secretary Maj. Gen. Pat Ryder").

function last(paragraphs: string[], monitor = 'us-china') {
  const result = analyzeArticle(paragraphs.join('\n\n'), { monitor }).paragraphs;
  return result[result.length - 1];
}

/** [case, monitor, paragraphs, expected side and speaker of the last paragraph] */
type Case = [string, string, string[], string, string | null];

const cases: Case[] = [
  [
    'a China analyst quoted after the quote',
    'us-china',
    [
      '"Both sides want to lower the temperature," said Bonnie Glaser, a China analyst at the German Marshall Fund.',
    ],
    NEUTRAL,
    'Bonnie Glaser',
  ],
  [
    'the analyst again by surname stays without a side',
    'us-china',
    [
      '"Both sides want to lower the temperature," said Bonnie Glaser, a China analyst at the German Marshall Fund.',
      'Glaser added that the talks would not resolve the dispute over export controls.',
    ],
    NEUTRAL,
    'Glaser',
  ],
  [
    'a China expert at a think tank',
    'us-china',
    [
      '"Beijing will read this as pressure," said Jude Blanchette, a China expert at the RAND Corporation.',
    ],
    NEUTRAL,
    'Jude Blanchette',
  ],
  [
    'a Chinese scholar at a university',
    'us-china',
    [
      '"The visit is a positive signal, but expectations should stay low," said Da Wei, a scholar of US-China relations at Tsinghua University.',
    ],
    NEUTRAL,
    'Da Wei',
  ],
  [
    'scholars named by nationality',
    'us-china',
    ['Chinese scholars said the meeting showed both governments wanted stability.'],
    NEUTRAL,
    'Chinese scholars',
  ],
  [
    'an expert named by field (second monitor)',
    'russia-ukraine',
    ['Russia expert Tatiana Stanovaya said the Kremlin was unlikely to budge on its demands.'],
    NEUTRAL,
    'Russia expert Tatiana Stanovaya',
  ],
  [
    'analysts named by nationality (second monitor)',
    'russia-ukraine',
    ['Ukrainian analysts said the offensive had stalled along the southern front.'],
    NEUTRAL,
    'Ukrainian analysts',
  ],
  [
    'an official head keeps the side',
    'us-china',
    [
      'A former State Department official who now works at the Brookings Institution said Washington would keep its export controls.',
    ],
    'us',
    'A former State Department official',
  ],
  [
    'an official after an analyst is still an official',
    'us-china',
    [
      '"Both sides want to lower the temperature," said Bonnie Glaser, a China analyst at the German Marshall Fund.',
      'Foreign ministry spokesperson Mao Ning said China firmly opposed the move.',
    ],
    'china',
    'Foreign ministry spokesperson Mao Ning',
  ],
  [
    'possessive country before a lower-case ministry',
    'russia-ukraine',
    ["Russia's foreign ministry said the talks had produced no progress."],
    'russia',
    "Russia's foreign ministry",
  ],
  [
    'possessive country, ministry and a time phrase',
    'russia-ukraine',
    ["Ukraine's defence ministry on Tuesday said its forces had repelled the attack."],
    'ukraine',
    "Ukraine's defence ministry",
  ],
  [
    'possessive country with a listed capitalised institution',
    'russia-ukraine',
    ["Russia's Foreign Ministry said the talks had produced no progress."],
    'russia',
    "Russia's Foreign Ministry",
  ],
  [
    'rank abbreviations inside a speaker phrase',
    'us-china',
    ['Pentagon press secretary Maj. Gen. Pat Ryder said the aircraft was intercepted.'],
    'us',
    'Pentagon press secretary Maj. Gen. Pat Ryder',
  ],
  [
    'the surname after a ranked title',
    'us-china',
    [
      'Pentagon press secretary Maj. Gen. Pat Ryder said the aircraft was intercepted.',
      '"We will keep flying in international airspace," Ryder said.',
    ],
    'us',
    'Ryder',
  ],
  [
    'an occupation official (second monitor)',
    'russia-ukraine',
    ['Russian-installed governor Vladimir Saldo said the dam had been hit overnight.'],
    'russia',
    'Russian-installed governor Vladimir Saldo',
  ],
];

describe('independent voices and possessive institutions', () => {
  it.each(cases)('%s', (_name, monitor, paragraphs, side, speaker) => {
    const paragraph = last(paragraphs, monitor);
    expect({ side: paragraph.side, speaker: paragraph.speaker }).toEqual({ side, speaker });
  });

  it('says why an analyst carries no side', () => {
    const paragraph = last([
      'Chinese scholars said the meeting showed both governments wanted stability.',
    ]);
    expect(paragraph.sideReason).toMatch(/independent voice/);
  });
});
