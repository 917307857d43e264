import { analyzeArticle } from '../../../src/analysis';
import { DEMO_DAYS, DEMO_OUTLETS, demoHistory, demoShift } from '../../../src/demo/demo-articles';

const NOW = new Date('2026-03-18T10:30:00Z');
const DAY_MS = 86_400_000;

describe('demo articles', () => {
  const history = demoHistory(NOW);
  const shift = demoShift(NOW);
  const all = [...history, ...shift];

  it('are dated over the recent weeks, none in the future, the shift within the last hours', () => {
    for (const article of all) {
      const at = Date.parse(article.publishedAt);
      expect(at).toBeLessThanOrEqual(NOW.getTime());
      expect(at).toBeGreaterThan(NOW.getTime() - (DEMO_DAYS + 1) * DAY_MS);
    }
    for (const article of shift) {
      expect(NOW.getTime() - Date.parse(article.publishedAt)).toBeLessThan(6 * 3_600_000);
    }
    const days = new Set(history.map((a) => a.publishedAt.slice(0, 10)));
    expect(days.size).toBe(DEMO_DAYS);
  });

  it('are all different texts (the API would fold duplicates) and the same for the same now', () => {
    expect(new Set(all.map((a) => a.text)).size).toBe(all.length);
    expect(new Set(all.map((a) => a.url)).size).toBe(all.length);
    expect(demoHistory(NOW)).toEqual(history);
  });

  it('come from outlets of both sides and a wire, on both monitors', () => {
    const usChina = new Set(all.filter((a) => a.monitor === 'us-china').map((a) => a.source));
    expect([...usChina].sort()).toEqual(
      [...DEMO_OUTLETS.us, ...DEMO_OUTLETS.china, DEMO_OUTLETS.wire].sort(),
    );
    expect(all.filter((a) => a.monitor === 'russia-ukraine').length).toBeGreaterThanOrEqual(10);
  });

  it("carry each side's voice, the default framing phrases, and a cooler China at the end", () => {
    const sides: Record<string, number> = {};
    const chinaFrames = new Set<string>();
    const chinaTone = (articles: typeof all) => {
      const values = articles.flatMap((a) =>
        analyzeArticle(a.text, { monitor: a.monitor })
          .paragraphs.filter((p) => p.side === 'china')
          .map((p) => p.tone.value),
      );
      return values.reduce((sum, v) => sum + v, 0) / values.length;
    };
    for (const article of all) {
      for (const p of analyzeArticle(article.text, { monitor: article.monitor }).paragraphs) {
        sides[`${article.monitor}:${p.side}`] = (sides[`${article.monitor}:${p.side}`] ?? 0) + 1;
        if (p.side === 'china') for (const f of p.frames) chinaFrames.add(f.frame);
      }
    }
    expect(sides['us-china:us']).toBeGreaterThan(50);
    expect(sides['us-china:china']).toBeGreaterThan(100);
    expect(sides['russia-ukraine:russia']).toBeGreaterThan(5);
    expect(sides['russia-ukraine:ukraine']).toBeGreaterThan(5);
    expect([...chinaFrames]).toEqual(
      expect.arrayContaining(['respectful', 'serious-difficulties']),
    );
    const early = history.filter(
      (a) => a.monitor === 'us-china' && Date.parse(a.publishedAt) < NOW.getTime() - 7 * DAY_MS,
    );
    expect(chinaTone(shift)).toBeLessThan(chinaTone(early) - 0.3);
  });
});
