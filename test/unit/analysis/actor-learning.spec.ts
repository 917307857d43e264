import { analyzeArticle, MIXED, NEUTRAL } from '../../../src/analysis';

// Article-local actor learning: a personal name introduced in a speaker phrase next to a
// side-bearing title, institution or demonym keeps that side for the rest of the article, so
// later attributions to the surname or the bare full name are recognised.

function article(paragraphs: string[], monitor = 'us-china') {
  return analyzeArticle(paragraphs.join('\n\n'), { monitor }).paragraphs;
}

/** [case, monitor, paragraphs, expected side and speaker of the last paragraph] */
type Case = [string, string, string[], string, string | null];

const cases: Case[] = [
  [
    'surname after a ministry title (china)',
    'us-china',
    [
      'Chinese Defense Ministry spokesman Zhang Xiaogang said on Thursday the drills were a stern warning to separatist forces.',
      '"We will not sit idly by," Zhang added.',
    ],
    'china',
    'Zhang',
  ],
  [
    'bare full name later (china)',
    'us-china',
    [
      'Chinese Defense Ministry spokesman Zhang Xiaogang said the exercises would continue as planned.',
      'The drills involved dozens of warships and aircraft, according to footage aired on state television.',
      "Zhang Xiaogang also said the People's Liberation Army would remain on high alert.",
    ],
    'china',
    'Zhang Xiaogang',
  ],
  [
    'inverted surname attribution (china)',
    'us-china',
    [
      'Commerce Ministry spokeswoman Shu Jueting said China would take necessary measures to protect its firms.',
      '"The US side has repeatedly abused export controls," said Shu.',
    ],
    'china',
    'Shu',
  ],
  [
    'appositive after an inverted name, then the surname',
    'us-china',
    [
      '"This is a dangerous and provocative act," said Liu Pengyu, a spokesman for the Chinese Embassy in Washington.',
      'Liu said Beijing had lodged stern representations with the US side.',
    ],
    'china',
    'Liu',
  ],
  [
    'appositive before the verb, then the surname',
    'us-china',
    [
      "Zhu Fenglian, a spokeswoman for China's Taiwan Affairs Office, said the island's leader was pushing it toward war.",
      'Zhu warned that Beijing would never allow Taiwan to be split off.',
    ],
    'china',
    'Zhu',
  ],
  [
    "a role 'at' a possessive institution names whom it speaks for",
    'us-china',
    [
      "\"The claims are groundless,\" said Ma Lianqiao, a spokeswoman at China's consulate in Sydney.",
      'Ma added that the consulate had raised the matter with the local authorities.',
    ],
    'china',
    'Ma',
  ],
  [
    'three-word name after a US title',
    'us-china',
    [
      'White House press secretary Sarah Huckabee Sanders said the president was prepared to raise tariffs further.',
      'Sanders told reporters the administration would not be deterred by retaliation.',
    ],
    'us',
    'Sanders',
  ],
  [
    'spokesman title before the name',
    'us-china',
    [
      'Pentagon spokesman Pat Ryder said the intercept over the South China Sea was unsafe.',
      '"We will continue to fly, sail and operate wherever international law allows," Ryder said.',
    ],
    'us',
    'Ryder',
  ],
  [
    'name learned from a known side person (surname of a listed full name)',
    'us-china',
    [
      'Chinese foreign ministry spokesperson Wang Wenbin said the sanctions were illegal and unilateral.',
      'Wang added that Beijing would take resolute countermeasures.',
    ],
    'china',
    'Wang',
  ],
  [
    '"the spokesperson" after a learned surname',
    'us-china',
    [
      'Chinese foreign ministry spokesperson Lin Jian said the visit sent a wrong signal.',
      'Lin added that China firmly opposed any official exchanges with Taiwan.',
      'The spokesperson also urged Washington to stop arming the island.',
    ],
    'china',
    'The spokesperson',
  ],
  [
    '"the ministry" refers back to the ministry',
    'us-china',
    [
      "China's Commerce Ministry said on Friday it would restrict exports of gallium and germanium.",
      'Shares of chipmakers fell in Asian trading after the announcement.',
      'The ministry added that the controls were not aimed at any specific country.',
    ],
    'china',
    'The ministry',
  ],
  [
    '"the embassy" refers back to the embassy',
    'us-china',
    [
      'The Chinese Embassy in Washington said the report was groundless speculation.',
      'The embassy urged US lawmakers to stop politicizing trade.',
    ],
    'china',
    'The embassy',
  ],
  [
    'capital as metonym (china)',
    'us-china',
    ['Beijing said on Monday it would retaliate against the new chip restrictions.'],
    'china',
    'Beijing',
  ],
  [
    'capital as metonym (us)',
    'us-china',
    ['Washington warned that further military pressure on Taiwan would carry consequences.'],
    'us',
    'Washington',
  ],
  [
    'learned names from both sides in one paragraph give mixed',
    'us-china',
    [
      'Chinese Defense Ministry spokesman Zhang Xiaogang said US warships were stirring up trouble.',
      'Pentagon spokesman Pat Ryder said the ships were in international waters.',
      'Zhang said the patrols were provocations. Ryder said they were routine.',
    ],
    MIXED,
    'Zhang; Ryder',
  ],
  [
    'a learned name inside a quote does not speak',
    'us-china',
    [
      'Chinese Defense Ministry spokesman Zhang Xiaogang said the US ship had entered Chinese waters.',
      '"Zhang\'s claims are simply false," Pentagon spokesman Pat Ryder said.',
    ],
    'us',
    'Pentagon spokesman Pat Ryder',
  ],
  [
    'russia: surname of a Ukrainian military spokesman',
    'russia-ukraine',
    [
      'Ukrainian military spokesman Nazar Voloshyn said two Russian assault groups had been repelled near Kupiansk.',
      '"The enemy keeps attacking in small groups," Voloshyn said.',
    ],
    'ukraine',
    'Voloshyn',
  ],
  [
    'russia: surname of a Russian deputy foreign minister',
    'russia-ukraine',
    [
      'Russian Deputy Foreign Minister Sergei Ryabkov said Moscow saw no basis for new arms talks.',
      'Ryabkov told reporters that Western weapons deliveries only prolonged the conflict.',
    ],
    'russia',
    'Ryabkov',
  ],
  [
    'russia: installed official, then the surname',
    'russia-ukraine',
    [
      'Russian-installed official Vladimir Saldo said the evacuation of several towns had begun.',
      'Saldo said the measures were temporary.',
    ],
    'russia',
    'Saldo',
  ],
  [
    'russia: "the spokesman" after a learned surname',
    'russia-ukraine',
    [
      'Ukrainian military spokesman Nazar Voloshyn said the situation near Kupiansk remained difficult.',
      'Voloshyn added that Russian forces were using armoured vehicles again.',
      'The spokesman said reinforcements had arrived.',
    ],
    'ukraine',
    'The spokesman',
  ],
  [
    'russia: capitals as metonyms',
    'russia-ukraine',
    ['Kyiv said the strike on the power plant was a war crime.'],
    'ukraine',
    'Kyiv',
  ],
  [
    'russia: Moscow as metonym',
    'russia-ukraine',
    ['Moscow accused Western governments of prolonging the war with arms deliveries.'],
    'russia',
    'Moscow',
  ],
  // Negatives
  [
    'a surname only mentioned, never a speaker, gives no side',
    'us-china',
    [
      'The State Department criticised the sentencing of the activist Xu Zhiyong to 14 years in prison.',
      'Xu said in a letter smuggled out of prison that he had no regrets.',
    ],
    NEUTRAL,
    'Xu',
  ],
  [
    'an American named in a Chinese statement stays a mention',
    'us-china',
    [
      'Chinese foreign ministry spokesperson Mao Ning said remarks by US Senator Jim Risch were full of ideological bias.',
      'Risch said in a statement that he stood by his criticism.',
    ],
    NEUTRAL,
    'Risch',
  ],
  [
    'a third-party speaker with a name is not learned',
    'us-china',
    [
      'Bonnie Glaser, an analyst at the German Marshall Fund, said the talks were overdue.',
      'Glaser said the mood between the two militaries had improved.',
    ],
    NEUTRAL,
    'Glaser',
  ],
  [
    'a learned surname followed by another given name is someone else',
    'us-china',
    [
      'Chinese Defense Ministry spokesman Zhang Xiaogang said the drills were routine.',
      'Zhang Weiwei, a professor at Fudan University, said the exercises sent a clear message.',
    ],
    NEUTRAL,
    null,
  ],
  [
    'a name learned for both sides is ambiguous',
    'us-china',
    [
      'Chinese foreign ministry spokesman Chen Xiaodong said the talks had been constructive.',
      'State Department spokesman Vincent Chen said Washington remained concerned about the detentions.',
      'Chen said more meetings were planned.',
    ],
    NEUTRAL,
    'Chen',
  ],
  [
    'a place after "in" in a speaker phrase is not learned as a name',
    'us-china',
    [
      'Chinese officials in Hong Kong said the new security law would restore stability.',
      'Hong Kong lawmakers said the bill would be passed quickly.',
    ],
    NEUTRAL,
    'Hong Kong lawmakers',
  ],
  [
    'russia: a mayor without a side stays outside the monitor',
    'russia-ukraine',
    [
      'Russian missiles struck an apartment block overnight, said Ihor Terekhov, the mayor of Kharkiv.',
      'Terekhov said at least seven people were wounded.',
    ],
    NEUTRAL,
    'Terekhov',
  ],
];

describe('actor learning: names introduced by a side-bearing speaker phrase', () => {
  it.each(cases)('%s', (_name, monitor, paragraphs, side, speaker) => {
    const last = article(paragraphs, monitor).at(-1)!;
    expect({ side: last.side, speaker: last.speaker }).toEqual({ side, speaker });
  });

  it('records the introducing phrase in the reason', () => {
    const last = article([
      'Chinese Defense Ministry spokesman Zhang Xiaogang said the drills were a warning.',
      'Zhang added that the army was ready.',
    ]).at(-1)!;
    expect(last.sideReason).toContain(
      "'Zhang' was introduced as 'Chinese Defense Ministry spokesman Zhang Xiaogang'",
    );
  });

  it('learns a name for the rest of the same paragraph', () => {
    const p = article([
      'Chinese Defense Ministry spokesman Zhang Xiaogang said the drills were routine. Separately, US officials said the carrier group would sail on. Zhang said the PLA was ready.',
    ])[0];
    expect(p.side).toBe(MIXED);
    expect(p.sideReason).toContain("'Zhang' was introduced as");
  });

  it('forgets learned names between articles', () => {
    article(['Chinese Defense Ministry spokesman Zhang Xiaogang said the drills were routine.']);
    expect(article(['Zhang said the drills were routine.'])[0].side).toBe(NEUTRAL);
  });

  it('counts a learned name as a target when it is talked about', () => {
    const last = article([
      'Chinese Defense Ministry spokesman Zhang Xiaogang said the US ship had entered Chinese waters.',
      'Pentagon spokesman Pat Ryder dismissed the remarks by Zhang as baseless.',
    ]).at(-1)!;
    expect(last.side).toBe('us');
    expect(last.targets).toContain('china');
  });
});
