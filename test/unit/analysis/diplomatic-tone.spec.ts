import { analyzeArticle, scoreTone, TONE_PARAMS, type Tone } from '../../../src/analysis';

/** Tone of the only paragraph of a one-paragraph article, attribution included. */
const toneOf = (text: string): Tone => analyzeArticle(text).paragraphs[0].tone;
const terms = (tone: Tone): string[] => tone.terms.map((t) => t.term);

describe('tone: factual news paragraphs stay neutral', () => {
  it.each([
    'The two delegations met for three hours at a lakeside villa on Tuesday.',
    'Shares in chipmakers fell 2% after the export rules were published.',
    'The sanctions imposed last year cover 40 companies and two shipping firms.',
    'Drones struck a fuel depot near the border overnight, and the fire was out by morning.',
    'Support for the bill has grown in the legislature, where a vote is expected next week.',
    'The navy said its ships would hold war games in the strait until Friday.',
    'The agreement was signed in 2022 and has been extended twice since then.',
  ])('%s', (text) => {
    expect(toneOf(text).label).toBe('neutral');
  });

  it.each([
    'The two sides swapped 90 prisoners of war at the border on Saturday, the defence ministry said.',
    'Officials said the released prisoners were taken to a hospital near the capital for checks.',
    'The parliament approved the budget on Thursday, and the finance ministry said it would publish the figures.',
    'The commerce department said it had approved 14 export licences since March.',
  ])('reads prisoners and approvals as reported facts: %s', (text) => {
    const t = toneOf(text);
    expect(terms(t)).not.toEqual(expect.arrayContaining(['prisoners']));
    expect(terms(t)).not.toEqual(expect.arrayContaining(['approved']));
    expect(t.label).toBe('neutral');
  });

  it('keeps the tone of what is done to prisoners, and reads thanks after a swap as warm', () => {
    expect(
      toneOf('The ombudsman said the prisoners had been tortured and starved in custody.').label,
    ).toBe('negative');
    expect(
      toneOf('The ministry expressed gratitude to the mediators after the prisoner swap.').label,
    ).toBe('positive');
  });

  it.each([
    'The spokesman said the patrols threaten regional peace and stability.',
    'The minister said the new tariffs would undermine cooperation between the two economies.',
    'Officials said the cyber campaign had disrupted trade and damaged trust between the capitals.',
  ])('reads a good word harmed by a verb as what is harmed, not as hope: %s', (text) => {
    const t = toneOf(text);
    expect(t.terms.filter((x) => x.weight > 0)).toEqual([]);
    expect(t.label).toBe('negative');
  });

  it('keeps mitigated and harmed objects apart: easing tension is hopeful, threatening peace is not', () => {
    expect(
      toneOf('The envoy said both sides wanted to ease tensions in the strait.').value,
    ).toBeGreaterThan(0);
    expect(toneOf('The envoy said the drills threatened peace in the strait.').value).toBeLessThan(
      0,
    );
  });

  it.each([
    'The trade deficit with its largest trading partner narrowed to $20 billion last year, the customs office said.',
    'The finance ministry said the budget deficit would stay near 3% of output.',
  ])('reads economic figures as figures: %s', (text) => {
    expect(toneOf(text).label).toBe('neutral');
  });

  it('reads a charge of complicity as hostile', () => {
    expect(
      toneOf(
        'Officials in the alliance called the neighbouring government an accomplice in the war.',
      ).label,
    ).toBe('negative');
  });

  it("reads the verb 'to lie' as a verb and the noun 'lies' as an accusation", () => {
    const verb = toneOf(
      '"The way forward lies in treating each other as equals," the envoy told his counterpart.',
    );
    expect(terms(verb)).not.toEqual(expect.arrayContaining(['lies']));
    expect(verb.label).not.toBe('negative');
    const noun = toneOf(
      'The spokeswoman said the report was built on lies spread by hostile forces.',
    );
    expect(noun.label).toBe('negative');
  });

  it("counts event words for less in the reporter's own narration than in a statement", () => {
    const narrated = toneOf('Missiles struck the port overnight.');
    const claimed = toneOf('The defence ministry said its missiles struck the port overnight.');
    const weight = (t: Tone): number => t.terms.find((x) => x.term === 'struck')!.weight;
    expect(Math.abs(weight(narrated))).toBeLessThan(Math.abs(weight(claimed)) + 1e-9);
    expect(narrated.label).toBe('neutral');
  });

  it('reads rank adjectives and reporting verbs as what they are in news', () => {
    const t = toneOf(
      'The top envoy stressed that the leading economies share interests in the region.',
    );
    expect(terms(t)).not.toEqual(expect.arrayContaining(['top']));
    expect(t.terms.find((x) => x.term === 'stressed')).toBeUndefined();
    expect(t.label).toBe('neutral');
  });
});

describe('tone: the register of diplomatic hostility', () => {
  it.each([
    "The foreign ministry spokesperson called the report a smear and said Washington must stop interfering in China's internal affairs.",
    'A Kremlin spokesman said Washington would bear full responsibility for any escalation.',
    'The embassy said it had lodged solemn representations over the so-called human rights report.',
    'The ministry said the sale sent a wrong signal and vowed resolute countermeasures.',
    'The spokeswoman dismissed the claims as groundless and politicized.',
    "Beijing's envoy said the drills were a show of force by a hegemonic power.",
    'The statement denounced what it called nuclear blackmail by the aggressor.',
  ])('%s -> negative', (text) => {
    expect(toneOf(text).label).toBe('negative');
  });

  it('scores a protest formula as one phrase from the diplomatic lexicon', () => {
    const text = 'The ministry said it had lodged stern representations with the embassy.';
    const hit = toneOf(text).terms.find((t) => t.source === 'diplomatic');
    expect(hit).toBeDefined();
    expect(text.slice(hit!.start, hit!.end)).toBe('lodged stern representations');
  });
});

describe('tone: reported hostility in neutral words', () => {
  it.each([
    'The ministry accused Washington of spreading false stories about the drills.',
    'Beijing denied the allegations and warned of consequences.',
    'Officials in Moscow urged Kyiv to withdraw its troops from the region.',
    'The spokesperson called on Tokyo to immediately stop the patrols near the islands.',
  ])('%s -> negative', (text) => {
    expect(toneOf(text).label).toBe('negative');
  });

  it('scores "urged X to withdraw" as a demand although every word in it is neutral', () => {
    const t = toneOf('The envoy urged the government to withdraw the new visa rules.');
    const demand = t.terms.find((x) => x.term === 'withdraw');
    expect(demand?.source).toBe('diplomatic');
    expect(demand!.weight).toBeLessThan(0);
  });

  it.each([
    'The spokesperson said Washington must stop its provocations in the strait.',
    'The ministry said Tokyo should withdraw the new export rules.',
  ])('reads an obligation to undo as a demand: %s', (text) => {
    const t = toneOf(text);
    expect(t.terms.some((x) => x.source === 'diplomatic' && x.weight < 0)).toBe(true);
    expect(t.label).toBe('negative');
  });

  it('reads the charge of wrecking relations as hostile, whatever praise it mentions', () => {
    const t = toneOf(
      'The spokesperson said the United States had wrecked months of careful work and must stop its provocations.',
    );
    expect(t.label).toBe('negative');
  });

  it('does not read a plain infinitive as a demand', () => {
    const t = toneOf('Engineers plan to stop the pumps for maintenance on Monday.');
    expect(t.terms.find((x) => x.term === 'stop')?.source).not.toBe('diplomatic');
  });
});

describe('tone: conciliatory and guarded phrasing', () => {
  it.each([
    'Both sides agreed to keep lines of communication open, the joint statement said.',
    'The vice premier said both governments would act as partners and seek win-win cooperation.',
    'The envoy said the talks had made substantial progress and that Beijing was willing to meet halfway.',
    'The minister thanked his counterpart and said he looked forward to the next round.',
  ])('%s -> positive', (text) => {
    expect(toneOf(text).label).toBe('positive');
  });

  it('reads "candid and constructive" as guarded: weaker than "constructive" alone', () => {
    const guarded = toneOf('The spokesperson described the talks as candid and constructive.');
    const warm = toneOf('The spokesperson described the talks as constructive.');
    expect(guarded.score).toBeGreaterThan(0);
    expect(guarded.score).toBeLessThan(warm.score);
  });

  it('gives "candid" and "frank" alone no warmth', () => {
    expect(toneOf('The spokesperson said the exchange was frank and candid.').label).toBe(
      'neutral',
    );
  });
});

describe('tone: negation and hedging over phrases', () => {
  it('"did not rule out" opens a door that "ruled out" closes', () => {
    const open = toneOf('The minister did not rule out a meeting with his counterpart next month.');
    const closed = toneOf('The minister ruled out a meeting with his counterpart next month.');
    expect(open.value).toBeGreaterThan(0);
    expect(closed.value).toBeLessThan(0);
    expect(open.terms.find((t) => t.term === 'rule out')?.negated).toBe(true);
  });

  it('a negated protest is no protest', () => {
    const t = toneOf('The spokesman said the ministry had not lodged a protest.');
    expect(t.label).toBe('neutral');
  });

  it('hedges hope stated under a condition, not a threat stated under one', () => {
    const hope = toneOf(
      'Relations can improve once Washington lifts the tariffs, the spokesperson said.',
    );
    const plain = toneOf('Relations have improved, the spokesperson said.');
    expect(hope.value).toBeLessThan(plain.value);
    expect(hope.label).toBe('neutral');
    const threat = toneOf(
      'China will take resolute countermeasures if the sale goes ahead, the ministry said.',
    );
    expect(threat.label).toBe('negative');
  });

  it('keeps a warning whole when nothing weighed follows the "but"', () => {
    const t = toneOf(
      'The embassy said its government had urged restraint, but added that the ferry timetable was unchanged.',
    );
    expect(t.terms.find((x) => x.term === 'urged restraint')?.weight).toBe(-1);
  });
});

describe('tone: value, label, score and terms tell one story', () => {
  const sentences = [
    'The ministry accused Washington of spreading false stories about the drills.',
    'Both sides agreed to keep lines of communication open, the joint statement said.',
    'The talks were held in Geneva on Thursday.',
    'We are not very happy with the behaviour of our interlocutors, the spokesman said.',
    'The deal is good for farmers but terrible for the steel towns, critics said.',
    'Missiles struck the port overnight.',
  ];

  it.each(sentences)('%s', (text) => {
    const t = toneOf(text);
    const sum = t.terms.reduce((s, x) => s + x.weight, 0);
    expect(t.score).toBeCloseTo(sum, 2);
    expect(Math.sign(t.value)).toBe(Math.sign(t.score));
    if (t.label === 'positive') expect(t.value).toBeGreaterThan(0);
    if (t.label === 'negative') expect(t.value).toBeLessThan(0);
    if (t.label === 'neutral')
      expect(Math.abs(t.value)).toBeLessThan(TONE_PARAMS.narratedLabelThreshold);
  });

  it('labels a statement by the statement band and narration by the wider narration band', () => {
    expect(TONE_PARAMS.narratedLabelThreshold).toBeGreaterThanOrEqual(TONE_PARAMS.labelThreshold);
    const t = scoreTone('The report was a disappointment.');
    expect(t.label).toBe(t.value <= -TONE_PARAMS.labelThreshold ? 'negative' : 'neutral');
  });
});
