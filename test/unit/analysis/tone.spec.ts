import Sentiment from 'sentiment';
import { analyzeArticle, scoreTone } from '../../../src/analysis';

const sentiment = new Sentiment();
const value = (text: string): number => scoreTone(text).value;

describe("tone: sentiment's own AFINN figures ride along", () => {
  it.each([
    'The talks were a success, officials said.',
    'Washington’s new tariffs are a disaster for farmers, critics warned.',
    'We’re honestly not very happy with the behavior of our interlocutors.',
    '',
  ])('afinn.score and afinn.comparative are exactly sentiment.analyze for %j', (text) => {
    const raw = sentiment.analyze(text);
    const tone = scoreTone(text);
    expect(tone.afinn.score).toBe(raw.score);
    expect(tone.afinn.comparative).toBeCloseTo(raw.comparative, 4);
  });
});

describe('tone: negation has a real scope', () => {
  it('"not very happy" is negative although AFINN scores it positive', () => {
    const t = scoreTone('We are not very happy with the behavior of our interlocutors.');
    expect(t.afinn.score).toBeGreaterThan(0);
    expect(t.value).toBeLessThan(0);
    expect(t.terms.find((x) => x.term === 'happy')?.negated).toBe(true);
  });

  it('"haven\'t been very successful" is negative, with a typographic apostrophe too', () => {
    expect(value("These engagements haven't been very successful.")).toBeLessThan(0);
    expect(value('These engagements haven’t been very successful.')).toBeLessThan(0);
  });

  it('"did not engage in good faith" is negative', () => {
    expect(value('Beijing did not engage in good faith.')).toBeLessThan(0);
  });

  it('negation stops at a clause boundary', () => {
    const t = scoreTone('The deal was not perfect, but it was a good start.');
    expect(t.terms.find((x) => x.term === 'good')?.negated).toBe(false);
  });

  it('"not only ... but also" does not negate', () => {
    const t = scoreTone('The agreement is not only fair but also durable.');
    expect(t.terms.find((x) => x.term === 'fair')?.negated).toBe(false);
  });

  it('a negated negative word is only mildly positive', () => {
    const notBad = value('The outcome was not bad.');
    expect(notBad).toBeGreaterThanOrEqual(0);
    expect(notBad).toBeLessThan(value('The outcome was good.'));
  });

  it('mitigating verbs turn the object around: "avoid conflict", "ease tensions"', () => {
    expect(value('Both leaders want to avoid conflict.')).toBeGreaterThanOrEqual(0);
    expect(value('The visit aims to ease tensions.')).toBeGreaterThan(0);
  });
});

describe('tone: intensifiers, downtoners and contrast', () => {
  it('an intensifier strengthens the word', () => {
    expect(value('The meeting was very successful.')).toBeGreaterThan(
      value('The meeting was successful.'),
    );
  });

  it('a downtoner weakens it', () => {
    expect(value('The meeting was somewhat successful.')).toBeLessThan(
      value('The meeting was successful.'),
    );
  });

  it('after "but" the second clause decides', () => {
    expect(
      value('The talks were cordial and useful, but the two sides failed to agree on anything.'),
    ).toBeLessThan(0);
    expect(
      value('Talks have been difficult, but a deal is a real success for both.'),
    ).toBeGreaterThan(0);
  });

  it('a sentence-initial "But" dampens the previous sentence', () => {
    const t = scoreTone('The summit produced a warm welcome. But little was achieved.');
    const welcome = t.terms.find((x) => x.term === 'welcome');
    expect(welcome?.weight).toBeLessThan(2);
  });
});

describe('tone: names are not scored', () => {
  it('"United" in "United States" adds nothing', () => {
    const t = scoreTone('The United States and the United Kingdom held talks.');
    expect(t.afinn.score).toBeGreaterThan(0);
    expect(t.value).toBe(0);
  });

  it('masks capitalised name runs such as "Justice Department" mid-sentence', () => {
    const t = scoreTone('A spokesman for the Justice Department declined to comment.');
    expect(t.terms.map((x) => x.term)).not.toContain('Justice');
  });

  it('masks monitor actors such as "People\'s Liberation Army"', () => {
    const t = scoreTone("Officers of the People's Liberation Army attended.");
    expect(t.terms).toEqual([]);
  });
});

describe('tone: diplomatic and news vocabulary', () => {
  it.each([
    ['The president called the talks respectful and constructive.', 'positive'],
    ['Relations have been strained since the spy balloon incident.', 'negative'],
    ['US policy has caused serious difficulties in relations.', 'negative'],
    ['Beijing firmly opposes the arms sale.', 'negative'],
    ['The ministry expressed deep concern about the escalation.', 'negative'],
    ['The two sides held a sincere and productive exchange.', 'positive'],
    ['New sanctions and tariffs deepened the rift.', 'negative'],
    ['The ceasefire brought relief to the border towns.', 'positive'],
    ['The talks were held in Geneva on Thursday.', 'neutral'],
  ])('%s -> %s', (text, label) => {
    expect(scoreTone(text).label).toBe(label);
  });

  it('lists the terms that moved the tone, with offsets into the text', () => {
    const text = 'Beijing firmly opposes the arms sale.';
    const t = scoreTone(text);
    const term = t.terms[0];
    expect(term.source).toBe('phrase');
    expect(text.slice(term.start, term.end)).toBe('firmly opposes');
    expect(term.weight).toBeLessThan(0);
  });

  it('keeps value within [-1, 1] on a long, very negative paragraph', () => {
    const text = 'The war was a catastrophe. '.repeat(40);
    const v = value(text);
    expect(v).toBeLessThan(-0.9);
    expect(v).toBeGreaterThanOrEqual(-1);
  });

  it('paragraph offsets of tone terms are relative to the paragraph', () => {
    const a = analyzeArticle('First paragraph.\n\nThe talks were a failure.');
    const p = a.paragraphs[1];
    const term = p.tone.terms[0];
    expect(p.text.slice(term.start, term.end)).toBe('failure');
  });
});
