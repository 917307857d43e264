import { type Baseline, computeBaseline } from './baseline';
import { baselineWindow } from './baseline-window';
import {
  type DetectorEvent,
  type DetectorRule,
  type DetectorState,
  initialState,
  observe,
  tick,
} from './detector';
import { type Observation, summarise } from './observations';

/**
 * Runs a rule over a recorded stream (articles, or events for asymmetry), oldest first, the way live evaluation would have seen
 * it: each article is judged against the baseline of its own day, drawn from the same
 * stream. `observations` must start early enough to fill the first baseline window.
 */
export function replay(
  rule: DetectorRule,
  observations: readonly Observation[],
  options: { from?: Date; until?: Date } = {},
): { events: DetectorEvent[]; state: DetectorState } {
  const state = initialState(rule);
  const events: DetectorEvent[] = [];
  const baselines = new BaselineCache(rule, observations);
  for (const observation of observations) {
    if (options.from && observation.occurredAt < options.from) continue;
    if (options.until && observation.occurredAt > options.until) break;
    const baseline = baselines.at(observation.occurredAt);
    events.push(...tick(rule, state, observation.occurredAt, baseline));
    events.push(...observe(rule, state, observation, baseline));
  }
  if (options.until) events.push(...tick(rule, state, options.until, baselines.at(options.until)));
  return { events, state };
}

/** Baselines by window, computed once per day from the time-ordered stream. */
class BaselineCache {
  private readonly cache = new Map<number, Baseline>();
  private readonly times: number[];

  constructor(
    private readonly rule: DetectorRule,
    private readonly observations: readonly Observation[],
  ) {
    this.times = observations.map((o) => o.occurredAt.getTime());
  }

  at(time: Date): Baseline {
    const { from, to } = baselineWindow(time, this.rule.detector);
    const cached = this.cache.get(to.getTime());
    if (cached) return cached;
    const first = lowerBound(this.times, from.getTime());
    const end = lowerBound(this.times, to.getTime());
    const baseline = computeBaseline(this.observations.slice(first, end).map(summarise));
    this.cache.set(to.getTime(), baseline);
    return baseline;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
