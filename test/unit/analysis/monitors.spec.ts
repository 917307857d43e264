import {
  analyzeArticle,
  DEFAULT_MONITOR,
  getMonitor,
  listMonitors,
  UnknownMonitorError,
} from '../../../src/analysis';

describe('monitors', () => {
  it('ships us-china as the default and russia-ukraine as a second monitor', () => {
    expect(DEFAULT_MONITOR).toBe('us-china');
    const list = listMonitors();
    expect(list.map((m) => m.id)).toEqual(expect.arrayContaining(['us-china', 'russia-ukraine']));
    expect(list.find((m) => m.id === 'russia-ukraine')?.sides.map((s) => s.id)).toEqual([
      'russia',
      'ukraine',
    ]);
  });

  it('every actor group has a kind, names and a note', () => {
    for (const { id } of listMonitors()) {
      for (const side of getMonitor(id).sides) {
        for (const group of side.actors) {
          expect([
            'person',
            'title',
            'institution',
            'outlet',
            'capital',
            'country',
            'demonym',
          ]).toContain(group.kind);
          expect(group.names.length).toBeGreaterThan(0);
          expect(group.note.length).toBeGreaterThan(5);
        }
      }
    }
  });

  it('throws UnknownMonitorError naming the known monitors', () => {
    expect(() => getMonitor('india-pakistan')).toThrow(UnknownMonitorError);
    expect(() => analyzeArticle('text', { monitor: 'nope' })).toThrow(
      /unknown monitor 'nope'.*us-china/,
    );
  });

  it('analyzes with the default monitor when none is given', () => {
    expect(analyzeArticle('Xi said so.').monitor).toBe('us-china');
  });

  it('does not take the pronoun "us" for the United States', () => {
    const p = analyzeArticle('"Let us work together," the mayor said.').paragraphs[0];
    expect(p.targets).toEqual([]);
  });

  it('summarises paragraphs, mean tone and frames by side', () => {
    const a = analyzeArticle(
      'Xi said the talks were constructive.\n\nBlinken said the talks were a failure.\n\nIt rained.',
    );
    expect(a.summary.paragraphs).toBe(3);
    expect(a.summary.bySide.china).toMatchObject({ paragraphs: 1, frames: 1 });
    expect(a.summary.bySide.us.meanTone).toBeLessThan(0);
    expect(a.summary.bySide.neutral.paragraphs).toBe(1);
  });
});
