import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sentiment from 'sentiment';
import { analyzeArticle, scoreTone, splitParagraphs } from '../../../src/analysis';
import { getCompiledMonitor } from '../../../src/analysis/monitors';
import { tokenize } from '../../../src/analysis/tokens';
import { createVocabulary } from '../../../src/analysis/vocabulary';
import { describeWithShared, REPO_ROOT } from '../../support/shared';

/**
 * Tonewatch computes the raw AFINN `score` and `comparative` in its own tokenisation pass
 * (src/analysis/afinn.ts). These tests hold it to `sentiment.analyze`, the reference: the two
 * must agree exactly on every text.
 */
const sentiment = new Sentiment();
const vocabulary = createVocabulary(getCompiledMonitor('us-china'));

function mismatches(texts: string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const expected = sentiment.analyze(text);
    const t = tokenize(text, vocabulary);
    if (t.rawScore !== expected.score || t.rawComparative !== expected.comparative) {
      out.push(
        `${JSON.stringify(text)}: ${t.rawScore}/${t.rawComparative} vs ${expected.score}/${expected.comparative}`,
      );
    }
  }
  return out;
}

const TRICKY = [
  '',
  ' ',
  '...',
  '\n\n',
  'good',
  'Good.',
  'not good',
  'not  good',
  'Not good at all; not bad either.',
  "don't like it, doesn't trust them, can't win, won't help, isn't fair",
  'don’t like it, doesn’t trust them, can’t win',
  'dont like it, doesnt trust them, cant win, wont help, isnt fair, non good',
  '“Good,” he said. ‘Bad’, she said. "Great" — or ‘terrible’?',
  "'good' and 'bad' in straight single quotes",
  'good—bad, good–bad, good-bad, good - bad, good -- bad',
  'well-being, self-deluded, win-win, hard-working, kind-hearted',
  'The U.S. and U.K. agreed; the 3.5% rise cost $4,000 (good news).',
  'A naïve plan, a naive plan, a café deal, Zürich talks, Ümit said',
  'Great 😂 awful ❤ fine ♥ 👍 😠',
  'good\tbad good \tbad good\t\tbad\tgood',
  'good\u00a0bad, good \u00a0 bad, good\u2009bad, good\u3000bad\ufeff',
  'good\r\nbad\rgood\n\nbad',
  '  leading and trailing spaces, happy  ',
  '\ttab-led and tab-trailing, happy\t',
  'İstanbul talks were a success, officials said.',
  'Σ good ΣΑ bad',
  'not constructor good; constructor good; hasOwnProperty bad; __proto__ good',
  'good_bad good/bad good#bad good!bad good?bad good*bad good&bad good=bad good~bad good`bad',
  'no fun, not good, not working, cool stuff, fed up',
  'NOT GOOD. DON’T WORRY. Not Happy!',
  'He said: "We are not very happy with the behaviour of our interlocutors."',
  'It was a respectful and candid exchange; both sides were “familiar and sincere”.',
  '1,000 protesters; 2.5 percent; 10-year bonds; 24/7 coverage; 9/11; #1 priority',
];

/** Deterministic mixtures of the characters and words that stress tokenisation. */
function mixtures(count: number): string[] {
  const pieces = [
    'good',
    'Bad',
    'not',
    'not ',
    "don't ",
    'don’t ',
    'happy',
    'abandon',
    'win-win',
    'U.S.',
    ' ',
    ' ',
    '  ',
    '\n',
    '\t',
    '\r\n',
    '\u00a0',
    "'",
    '’',
    '-',
    '—',
    '“',
    '”',
    '"',
    '.',
    ',',
    '!',
    '?',
    '(',
    ')',
    '$',
    '%',
    '_',
    'é',
    'naïve',
    '😂',
    '❤',
    '3.5',
    'constructor',
    'no ',
    "can't ",
    'isnt ',
    'Xi ',
    'United States ',
  ];
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    const length = 1 + Math.floor(random() * 25);
    for (let q = 0; q < length; q++) s += pieces[Math.floor(random() * pieces.length)];
    out.push(s);
  }
  return out;
}

function projectParagraphs(): string[] {
  const texts: string[] = [];
  const samples = join(REPO_ROOT, 'samples');
  for (const entry of readdirSync(samples, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const article = readFileSync(join(samples, entry.name), 'utf8');
    texts.push(article, ...splitParagraphs(article).map((p) => p.text));
  }
  // Every sentence-length string literal of the analysis unit tests.
  const specs = join(REPO_ROOT, 'test', 'unit', 'analysis');
  for (const name of readdirSync(specs)) {
    const source = readFileSync(join(specs, name), 'utf8');
    for (const m of source.matchAll(/'((?:[^'\\\n]|\\.){20,})'|"((?:[^"\\\n]|\\.){20,})"/g))
      texts.push((m[1] ?? m[2]).replace(/\\n/g, '\n').replace(/\\'/g, "'"));
  }
  return texts;
}

describe('raw AFINN figures are exactly sentiment.analyze', () => {
  it.each(TRICKY)('%j', (text) => {
    const expected = sentiment.analyze(text);
    const tone = scoreTone(text);
    expect(tone.afinn.score).toBe(expected.score);
    expect(tone.afinn.comparative).toBe(Math.round(expected.comparative * 1e4) / 1e4);
    expect(mismatches([text])).toEqual([]);
  });

  it('on every paragraph of the sample articles and the sentences of the analysis tests', () => {
    const texts = projectParagraphs();
    expect(texts.length).toBeGreaterThan(300);
    expect(mismatches(texts)).toEqual([]);
  });

  it('on 5,000 generated mixtures of quotes, dashes, spaces, accents, emoji and negators', () => {
    expect(mismatches(mixtures(5000))).toEqual([]);
  });

  it('per paragraph of analyzeArticle', () => {
    const article = readFileSync(join(REPO_ROOT, 'samples', 'us-china-chip-curbs.txt'), 'utf8');
    for (const p of analyzeArticle(article).paragraphs) {
      const expected = sentiment.analyze(p.text);
      expect(p.tone.afinn.score).toBe(expected.score);
      expect(p.tone.afinn.comparative).toBe(Math.round(expected.comparative * 1e4) / 1e4);
    }
  });
});

const DEV = 'data/nyt-editorial-dev.tsv';
describeWithShared(
  'raw AFINN figures on the NYT editorial dev set (../shared/data)',
  [DEV],
  (paths) => {
    it('equal sentiment.analyze on every sentence', () => {
      const sentences = readFileSync(paths[DEV], 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t').slice(2).join('\t'));
      expect(sentences.length).toBeGreaterThan(2000);
      expect(mismatches(sentences)).toEqual([]);
    });
  },
);
