import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors';
import { MIXED, NEUTRAL } from '../analysis';
import { type DashboardFilter } from './dashboard-filter';
import { type DirectionalTimeseriesDto, type DirectionalToneDto } from './dto/directional.dto';
import { NO_TARGET } from './dto/dashboard-query.dto';
import {
  DirectionalRepository,
  type PairTotals,
  type TargetFilter,
} from './directional.repository';
import { round, share } from './figures';
import { hasOffsetZero } from './time-zone';
import { type Bucket } from './tone.repository';
import { checkBuckets, periodOf } from './tone.service';

/** The sides a paragraph can talk about: the monitor's own (targets never hold mixed or neutral). */
function targetSides(filter: DashboardFilter): string[] {
  return filter.sides.filter((s) => s !== MIXED && s !== NEUTRAL);
}

/** `target` of a query: undefined (every target), a side id, or null for "no side named". */
export function parseTarget(value: string | undefined, filter: DashboardFilter): TargetFilter {
  if (value === undefined) return undefined;
  if (value === NO_TARGET) return null;
  const sides = targetSides(filter);
  if (!sides.includes(value)) {
    throw new InvalidInputError(
      `target must be one of ${sides.join(', ')} or ${NO_TARGET} (no side named) for monitor ${filter.monitor} (got "${value}")`,
    );
  }
  return value;
}

function meanTone(t: { paragraphs: number; toneSum: number }): number | null {
  return t.paragraphs === 0 ? null : round(t.toneSum / t.paragraphs);
}

/**
 * How each side speaks about each side: rows are speaking sides (`side` of a paragraph, as in
 * every other figure), columns the sides it talks about (`targets`), and a last column for
 * paragraphs that name no side.
 */
@Injectable()
export class DirectionalService {
  constructor(private readonly directional: DirectionalRepository) {}

  async matrix(filter: DashboardFilter, target: TargetFilter): Promise<DirectionalToneDto> {
    const rows = await this.directional.totals(filter, target);
    const speakers = this.speakersOf(filter);
    const targets = this.targetsOf(filter, target);
    const cells = speakers.flatMap((side) =>
      targets.map((t) => {
        const row = rows.find((r) => r.side === side && r.target === t);
        const paragraphs = row?.paragraphs ?? 0;
        return {
          side,
          target: t,
          paragraphs,
          meanTone: row ? meanTone(row) : null,
          negativeShare: share(row?.negative ?? 0, paragraphs),
          positiveShare: share(row?.positive ?? 0, paragraphs),
          neutralShare: share(row?.neutral ?? 0, paragraphs),
        };
      }),
    );
    return { monitor: filter.monitor, period: periodOf(filter), speakers, targets, cells };
  }

  async timeseries(
    filter: DashboardFilter,
    target: TargetFilter,
    bucket: Bucket,
  ): Promise<DirectionalTimeseriesDto> {
    const useRollups = checkBuckets(filter, bucket);
    // days and weeks of a zone that stays at UTC over the range are whole UTC days
    const useDaily =
      useRollups &&
      bucket !== 'hour' &&
      hasOffsetZero(filter.timeZone, filter.from.getTime(), filter.to.getTime());
    const rows = await this.directional.series(filter, target, bucket, useRollups, useDaily);
    const starts: string[] = [];
    const series = new Map<
      string,
      Pick<PairTotals, 'side' | 'target'> & {
        paragraphs: number[];
        meanTone: (number | null)[];
        negativeShare: (number | null)[];
      }
    >();
    for (const row of rows) {
      const start = row.start.toISOString();
      if (starts[starts.length - 1] !== start) starts.push(start);
      if (row.side === null) continue;
      const key = JSON.stringify([row.side, row.target]);
      let pair = series.get(key);
      if (!pair) {
        pair = {
          side: row.side,
          target: row.target,
          paragraphs: [],
          meanTone: [],
          negativeShare: [],
        };
        series.set(key, pair);
      }
      pair.paragraphs.push(row.paragraphs);
      pair.meanTone.push(meanTone(row));
      pair.negativeShare.push(share(row.negative, row.paragraphs));
    }
    const speakers = this.speakersOf(filter);
    const targets = this.targetsOf(filter, target);
    const order = (p: { side: string; target: string | null }) =>
      speakers.indexOf(p.side) * (targets.length + 1) + targets.indexOf(p.target);
    return {
      monitor: filter.monitor,
      bucket,
      tz: filter.timeZone,
      period: periodOf(filter),
      buckets: starts,
      // a pair of a side the monitor no longer has is left out, as in the matrix
      series: [...series.values()]
        .filter((p) => speakers.includes(p.side) && targets.includes(p.target))
        .sort((a, b) => order(a) - order(b)),
    };
  }

  private speakersOf(filter: DashboardFilter): string[] {
    return filter.side === null ? filter.sides : [filter.side];
  }

  private targetsOf(filter: DashboardFilter, target: TargetFilter): (string | null)[] {
    return target === undefined ? [...targetSides(filter), null] : [target];
  }
}
