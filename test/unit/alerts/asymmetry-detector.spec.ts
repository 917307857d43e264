import {
  ASYMMETRY_DETECTOR,
  computeBaseline,
  DEFAULT_DETECTOR,
  DEFAULT_EPISODE,
  DEFAULT_EVIDENCE,
  type DetectorEvent,
  type DetectorRule,
  type EventObservation,
  initialState,
  isArmed,
  observe,
  replay,
  summarise,
} from '../../../src/alerts/detection';
import { seededRandom } from '../../../bench/alert-streams';

const START = Date.parse('2026-10-01T00:00:00Z');
const HOUR = 3_600_000;

function asymmetryRule(overrides: Partial<DetectorRule> = {}): DetectorRule {
  return {
    metric: 'asymmetry',
    direction: 'up',
    detector: { ...DEFAULT_DETECTOR, ...ASYMMETRY_DETECTOR },
    evidence: DEFAULT_EVIDENCE,
    episode: DEFAULT_EPISODE,
    silenceAfterSeconds: null,
    ...overrides,
  };
}

let counter = 0;
function event(score: number, at: number, outlets = ['Reuters', 'Xinhua']): EventObservation {
  counter++;
  return {
    kind: 'event',
    eventId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    title: `Event ${counter}`,
    startedAt: new Date(at - 6 * HOUR),
    occurredAt: new Date(at),
    score,
    toneGap: score / 2,
    sides: ['us', 'china'],
    articleIds: outlets.map((_, i) => `article-${counter}-${i}`),
    sources: outlets,
    paragraphs: 4 * outlets.length,
  };
}

/** Matched accounts: scores around 0.2 with the spread two wordings of one meeting give. */
function matchedEvents(count: number, seed: number, every = 8 * HOUR): EventObservation[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    event(0.2 + 0.08 * (random() + random() + random() - 1.5), START + i * every),
  );
}

const fired = (events: DetectorEvent[]) => events.filter((e) => e.type === 'fired');

describe('asymmetry rules', () => {
  const baselineEvents = matchedEvents(40, 7);
  const baseline = computeBaseline(baselineEvents.map(summarise));
  const now = START + 40 * 8 * HOUR;

  it('read an event as one observation whose value is its score', () => {
    const e = event(0.42, now);
    expect(summarise(e)).toEqual({ paragraphs: 8, meanValue: 0.42, flagged: 0 });
    expect(baseline.articles).toBe(40);
    expect(baseline.center).toBeGreaterThan(0.15);
    expect(baseline.center).toBeLessThan(0.25);
  });

  it('fire on one event whose accounts diverge far beyond the usual gap, with the event as evidence', () => {
    const rule = asymmetryRule();
    const state = initialState(rule);
    const diverging = event(0.75, now);
    const events = observe(rule, state, diverging, baseline);
    const [alert] = fired(events);
    expect(alert).toBeDefined();
    if (alert.type !== 'fired') throw new Error('not fired');
    expect(alert.channel).toBe('up');
    expect(alert.events.map((e) => e.eventId)).toEqual([diverging.eventId]);
    expect(alert.events[0]).toMatchObject({
      title: diverging.title,
      score: 0.75,
      sides: ['us', 'china'],
      articles: 2,
      outlets: 2,
    });
    expect(alert.events[0].weight).toBeGreaterThan(2.5);
    expect(alert.evidence).toEqual([]);
    expect(alert.articles).toBe(2);
    expect(alert.outlets).toBe(2);
    expect(alert.figures.baseline).toBeCloseTo(baseline.center, 10);
    expect(alert.figures.current).toBeCloseTo(0.75, 10);
    expect(alert.figures.shiftSd).toBeGreaterThan(2.5);
    expect(alert.figures.threshold).toBe(ASYMMETRY_DETECTOR.h);
  });

  it('stay quiet on events told alike, however many', () => {
    const rule = asymmetryRule();
    const state = initialState(rule);
    const events = matchedEvents(60, 8).flatMap((e) =>
      observe(
        rule,
        state,
        { ...e, occurredAt: new Date(now + e.occurredAt.getTime() - START) },
        baseline,
      ),
    );
    expect(fired(events)).toEqual([]);
  });

  it('need the minimum evidence: one outlet does not fire when two are required', () => {
    const rule = asymmetryRule();
    const state = initialState(rule);
    expect(fired(observe(rule, state, event(0.75, now, ['Xinhua']), baseline))).toEqual([]);
    // a second diverging event from another outlet brings the evidence up
    const second = fired(observe(rule, state, event(0.7, now + HOUR, ['Reuters']), baseline));
    expect(second).toHaveLength(1);
  });

  it('stay disarmed until the baseline holds minBaselineEvents events', () => {
    const rule = asymmetryRule();
    const thin = computeBaseline(baselineEvents.slice(0, 9).map(summarise));
    expect(isArmed(rule, thin)).toBe(false);
    expect(isArmed(rule, baseline)).toBe(true);
    const state = initialState(rule);
    expect(fired(observe(rule, state, event(0.9, now), thin))).toEqual([]);
  });

  it('watch for accounts that agree more than usual with direction down', () => {
    const rule = asymmetryRule({ direction: 'down' });
    const state = initialState(rule);
    const events = [event(0.0, now), event(0.0, now + HOUR)].flatMap((e) =>
      observe(rule, state, e, baseline),
    );
    expect(fired(events).map((e) => e.channel)).toEqual(['down']);
  });

  it("replay months of matched events with about the tone rules' false-alarm rate, and fire once the accounts split", () => {
    // 20 streams of 1,200 events (three a day) whose scores spread normally around 0.25
    const rule = asymmetryRule({
      episode: { ...DEFAULT_EPISODE, cooldownSeconds: 0, keepFiringSeconds: 0 },
    });
    const every = 8 * HOUR;
    const warmup = START + 100 * every; // the first baseline window (30 days) fills
    let falseAlarms = 0;
    let judged = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const normal = () =>
        Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
      const stream = Array.from({ length: 1200 }, (_, i) =>
        event(Math.max(0, 0.25 + 0.1 * normal()), START + i * every),
      );
      const { events } = replay(rule, stream);
      falseAlarms += fired(events).filter((e) => e.at.getTime() >= warmup).length;
      judged += 1100;
    }
    expect((falseAlarms / judged) * 1000).toBeLessThanOrEqual(2.5);

    const quiet = matchedEvents(270, 11);
    const split = quiet.at(-1)!.occurredAt.getTime() + every;
    const after = matchedEvents(5, 12).map((e, i) => ({
      ...e,
      occurredAt: new Date(split + (i + 1) * every),
    }));
    const alerts = fired(replay(asymmetryRule(), [...quiet, event(0.7, split), ...after]).events);
    expect(alerts.map((a) => a.at.getTime())).toEqual([split]);
  });
});
