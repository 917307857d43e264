import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors';
import { FRAMES } from '../analysis';
import { type DashboardFilter } from './dashboard-filter';
import { type FramingDto, type FramingItemDto, type FramingTopDto } from './dto/framing.dto';
import { type FramingSelection, FramingRepository, type HitCount } from './framing.repository';
import { periodOf } from './tone.service';

const MAX_ITEMS = 10;
const MAX_PHRASE_LENGTH = 100;
const EXAMPLES_PER_ITEM = 3;

function listOf(name: string, text: string): string[] {
  const items = [
    ...new Set(
      text
        .split(',')
        .map((item) => item.trim().toLowerCase().replace(/\s+/g, ' '))
        .filter(Boolean),
    ),
  ];
  if (items.length === 0) throw new InvalidInputError(`${name} must list at least one item`);
  if (items.length > MAX_ITEMS) {
    throw new InvalidInputError(`${name} lists ${items.length} items; the limit is ${MAX_ITEMS}`);
  }
  const long = items.find((item) => item.length > MAX_PHRASE_LENGTH);
  if (long)
    throw new InvalidInputError(
      `${name}: "${long.slice(0, 20)}…" is longer than ${MAX_PHRASE_LENGTH} characters`,
    );
  return items;
}

export function parseSelection(query: { phrases?: string; frames?: string }): FramingSelection {
  if (query.phrases !== undefined && query.frames !== undefined) {
    throw new InvalidInputError('give phrases or frames, not both');
  }
  if (query.frames !== undefined) {
    const frames = listOf('frames', query.frames);
    const known = FRAMES.map((f) => f.id);
    const unknown = frames.find((f) => !known.includes(f));
    if (unknown)
      throw new InvalidInputError(
        `frames: unknown frame "${unknown}" (known: ${known.join(', ')})`,
      );
    return { kind: 'frames', frames };
  }
  if (query.phrases !== undefined)
    return { kind: 'phrases', phrases: listOf('phrases', query.phrases) };
  throw new InvalidInputError(
    'phrases or frames is required, e.g. phrases=respectful,serious difficulties',
  );
}

export function parseLimit(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw new InvalidInputError(`limit must be a whole number from 1 to ${max} (got "${text}")`);
  }
  return value;
}

@Injectable()
export class FramingService {
  constructor(private readonly framing: FramingRepository) {}

  async compare(filter: DashboardFilter, selection: FramingSelection): Promise<FramingDto> {
    const keys = selection.kind === 'frames' ? selection.frames : selection.phrases;
    const [counts, examples] = await Promise.all([
      selection.kind === 'frames'
        ? this.framing.countsByFrame(filter, selection.frames)
        : this.framing.countsByPhrase(filter, selection.phrases),
      this.framing.examples(filter, selection, EXAMPLES_PER_ITEM),
    ]);
    const sides = filter.side === null ? filter.sides : [filter.side];
    const items = keys.map((key): FramingItemDto => {
      const tally = (negated: boolean) =>
        Object.fromEntries(sides.map((side) => [side, hitsOf(counts, key, side, negated)]));
      return {
        ...(selection.kind === 'frames' ? { frame: key } : { phrase: key }),
        sides: tally(false),
        negated: tally(true),
        examples: examples
          .filter((e) => e.key === key)
          .map(({ key: _key, occurredAt, ...example }) => ({
            ...example,
            occurredAt: occurredAt.toISOString(),
          })),
      };
    });
    return {
      monitor: filter.monitor,
      period: periodOf(filter),
      ...(selection.kind === 'frames' ? { frames: items } : { phrases: items }),
    };
  }

  async top(filter: DashboardFilter, limit: number): Promise<FramingTopDto> {
    const counts = await this.framing.countsByFrame(filter, null);
    const sides = filter.side === null ? filter.sides : [filter.side];
    return {
      monitor: filter.monitor,
      period: periodOf(filter),
      sides: sides.map((side) => {
        const frames = [...new Set(counts.filter((c) => c.side === side).map((c) => c.key))].map(
          (frame) => ({
            frame,
            hits: hitsOf(counts, frame, side, false),
            negated: hitsOf(counts, frame, side, true),
          }),
        );
        frames.sort(
          (a, b) => b.hits - a.hits || b.negated - a.negated || a.frame.localeCompare(b.frame),
        );
        return { side, frames: frames.slice(0, limit) };
      }),
    };
  }
}

function hitsOf(counts: HitCount[], key: string, side: string, negated: boolean): number {
  return counts.find((c) => c.key === key && c.side === side && c.negated === negated)?.hits ?? 0;
}
