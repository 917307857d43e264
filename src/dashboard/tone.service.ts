import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors';
import { type DashboardFilter, previousPeriod } from './dashboard-filter';
import {
  type PeriodDto,
  type SourceBreakdownDto,
  type ToneFiguresDto,
  type ToneSummaryDto,
  type ToneTimeseriesDto,
} from './dto/tone.dto';
import { round, share } from './figures';
import { hasWholeHourOffsets } from './time-zone';
import { type Bucket, type ToneTotals, ToneRepository } from './tone.repository';

/** More buckets than a chart can show; also keeps one request from producing millions of rows. */
export const MAX_BUCKETS = 5000;

const BUCKET_MS: Record<Bucket, number> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

const EMPTY: ToneTotals = {
  paragraphs: 0,
  articles: 0,
  toneSum: 0,
  positive: 0,
  negative: 0,
  neutral: 0,
};

/**
 * Refuses a range of more than MAX_BUCKETS buckets (400); tells whether the hourly rollups can
 * serve the buckets (zones whose offsets are whole hours over the range).
 */
export function checkBuckets(filter: DashboardFilter, bucket: Bucket): boolean {
  const span = filter.to.getTime() - filter.from.getTime();
  // an upper bound: a DST change can make one bucket an hour short or long
  const buckets = Math.ceil(span / BUCKET_MS[bucket]) + 1;
  if (buckets > MAX_BUCKETS) {
    throw new InvalidInputError(
      `bucket=${bucket} from ${filter.from.toISOString()} to ${filter.to.toISOString()} gives about ${buckets} buckets; the limit is ${MAX_BUCKETS}: choose a larger bucket or a shorter range`,
    );
  }
  return hasWholeHourOffsets(filter.timeZone, filter.from.getTime(), filter.to.getTime());
}

export function periodOf(filter: DashboardFilter): PeriodDto {
  return { from: filter.from.toISOString(), to: filter.to.toISOString() };
}

function meanTone(totals: ToneTotals): number | null {
  return totals.paragraphs === 0 ? null : round(totals.toneSum / totals.paragraphs);
}

function figures(totals: ToneTotals): ToneFiguresDto {
  return {
    paragraphs: totals.paragraphs,
    articles: totals.articles,
    meanTone: meanTone(totals),
    positiveShare: share(totals.positive, totals.paragraphs),
    negativeShare: share(totals.negative, totals.paragraphs),
    neutralShare: share(totals.neutral, totals.paragraphs),
  };
}

function difference(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : round(current - previous);
}

@Injectable()
export class ToneService {
  constructor(private readonly tone: ToneRepository) {}

  async summary(filter: DashboardFilter): Promise<ToneSummaryDto> {
    const before = previousPeriod(filter);
    const [current, previous, reprints] = await Promise.all([
      this.tone.totalsBySide(filter),
      this.tone.totalsBySide(before),
      this.tone.totalsBySide({ ...filter, syndication: 'reprints' }),
    ]);
    const find = (rows: typeof current, side: string) => rows.find((r) => r.side === side) ?? EMPTY;
    return {
      monitor: filter.monitor,
      syndication: filter.syndication,
      period: periodOf(filter),
      previousPeriod: periodOf(before),
      sides: this.sidesOf(filter).map((side) => {
        const now = figures(find(current, side));
        const then = figures(find(previous, side));
        const copies = find(reprints, side);
        return {
          side,
          reprints: { paragraphs: copies.paragraphs, articles: copies.articles },
          current: now,
          previous: then,
          change: {
            paragraphs: now.paragraphs - then.paragraphs,
            paragraphsRatio:
              then.paragraphs === 0
                ? null
                : round((now.paragraphs - then.paragraphs) / then.paragraphs),
            meanTone: difference(now.meanTone, then.meanTone),
            positiveShare: difference(now.positiveShare, then.positiveShare),
            negativeShare: difference(now.negativeShare, then.negativeShare),
            neutralShare: difference(now.neutralShare, then.neutralShare),
          },
        };
      }),
    };
  }

  async timeseries(filter: DashboardFilter, bucket: Bucket): Promise<ToneTimeseriesDto> {
    const useRollups = checkBuckets(filter, bucket);
    const rows = await this.tone.seriesBySide(filter, bucket, useRollups);
    const starts: string[] = [];
    const bySide = new Map(
      this.sidesOf(filter).map((side) => [
        side,
        { side, paragraphs: [] as number[], meanTone: [] as (number | null)[] },
      ]),
    );
    for (const row of rows) {
      const start = row.start.toISOString();
      if (starts[starts.length - 1] !== start) starts.push(start);
      const series = bySide.get(row.side);
      series?.paragraphs.push(row.paragraphs);
      series?.meanTone.push(meanTone(row));
    }
    return {
      monitor: filter.monitor,
      bucket,
      tz: filter.timeZone,
      period: periodOf(filter),
      buckets: starts,
      series: [...bySide.values()],
    };
  }

  async sourceBreakdown(filter: DashboardFilter): Promise<SourceBreakdownDto> {
    const rows = await this.tone.totalsBySourceAndSide(filter);
    const sides = this.sidesOf(filter);
    const sources = new Map<string | null, typeof rows>();
    for (const row of rows) sources.set(row.source, [...(sources.get(row.source) ?? []), row]);
    const items = [...sources.entries()].map(([source, sourceRows]) => {
      const total = sourceRows.reduce(
        (sum, r) => ({
          ...sum,
          paragraphs: sum.paragraphs + r.paragraphs,
          toneSum: sum.toneSum + r.toneSum,
        }),
        EMPTY,
      );
      return {
        source,
        paragraphs: total.paragraphs,
        meanTone: meanTone(total),
        sides: sides.map((side) => {
          const row = sourceRows.find((r) => r.side === side) ?? EMPTY;
          return { side, paragraphs: row.paragraphs, meanTone: meanTone(row) };
        }),
      };
    });
    items.sort(
      (a, b) => b.paragraphs - a.paragraphs || (a.source ?? '').localeCompare(b.source ?? ''),
    );
    return {
      monitor: filter.monitor,
      period: periodOf(filter),
      sources: items.filter((i) => i.paragraphs > 0),
    };
  }

  private sidesOf(filter: DashboardFilter): string[] {
    return filter.side === null ? filter.sides : [filter.side];
  }
}
