import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadUserMonitors, UnknownMonitorError } from '../../../src/analysis';
import {
  analyzeUnderMonitors,
  AUTO_MONITORS,
  pickMonitors,
} from '../../../src/analysis/several-monitors';

const picks = (text: string) => pickMonitors(text).map((p) => [p.monitor, p.paragraphs]);

// Sentences of the project's own.
const CHINA_ON_THE_WAR = [
  'Chinese Foreign Minister Wang Yi met Sergei Lavrov in Beijing on Tuesday.',
  'Wang said China would keep an objective position on the war in Ukraine.',
  'Lavrov said Moscow valued the partnership.',
  'Kyiv said it was disappointed by the meeting.',
].join('\n\n');

const TRADE_TALKS = [
  'Negotiators met in Geneva for a second round of tariff talks.',
  'A State Department spokesperson said the talks had been frank.',
  "China's commerce ministry said Washington must lift the new duties first.",
  'Markets in Europe, still weighed down by the war in Ukraine, barely moved.',
].join('\n\n');

describe('articles under several monitors', () => {
  afterEach(() => loadUserMonitors([]));

  it('auto: an article about China and the war counts for both monitors', () => {
    expect(picks(CHINA_ON_THE_WAR)).toEqual([
      ['russia-ukraine', 4],
      ['us-china', 2],
    ]);
  });

  it('auto: a passing mention of another monitor is not enough', () => {
    expect(picks(TRADE_TALKS)).toEqual([['us-china', 2]]);
  });

  it('auto: a Russia–Ukraine article goes to that monitor only', () => {
    const text = [
      'The Kremlin said the talks in Istanbul would resume next week.',
      'Ukrainian officials said they had not been told of any date.',
    ].join('\n\n');
    expect(picks(text)).toEqual([['russia-ukraine', 2]]);
  });

  it('auto: with no monitor involved, the default one', () => {
    const text = 'The river rose overnight.\n\nThe council met on Monday.';
    expect(picks(text)).toEqual([['us-china', 0]]);
    expect(pickMonitors(text, { defaultMonitor: 'russia-ukraine' })[0].monitor).toBe(
      'russia-ukraine',
    );
    // a caller with monitors of its own asks for no fallback
    expect(pickMonitors(text, { defaultMonitor: null })).toEqual([]);
  });

  it('auto: picks a monitor of MONITORS_DIR like a shipped one', () => {
    const file = join(__dirname, '../../../examples/monitors/india-pakistan.json');
    expect(
      loadUserMonitors([{ file: 'india-pakistan.json', contents: readFileSync(file, 'utf8') }]),
    ).toEqual([]);
    const text = [
      'Pakistani officials said the water talks would continue.',
      'Indian External Affairs Minister S. Jaishankar said the treaty needed revision.',
    ].join('\n\n');
    expect(picks(text)).toEqual([['india-pakistan', 2]]);
  });

  it('each named monitor gets its own analysis, in the order given, each once', () => {
    const analyses = analyzeUnderMonitors(CHINA_ON_THE_WAR, [
      'us-china',
      'russia-ukraine',
      'us-china',
    ]);
    expect(analyses.map((a) => a.monitor)).toEqual(['us-china', 'russia-ukraine']);
    expect(analyses[0].paragraphs[2].side).toBe('neutral');
    expect(analyses[1].paragraphs[2].side).toBe('russia');
    expect(analyzeUnderMonitors(CHINA_ON_THE_WAR, AUTO_MONITORS).map((a) => a.monitor)).toEqual([
      'russia-ukraine',
      'us-china',
    ]);
    expect(() => analyzeUnderMonitors('x', ['us-china', 'india'])).toThrow(UnknownMonitorError);
  });
});
