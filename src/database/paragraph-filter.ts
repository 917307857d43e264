/** Positional parameters for one statement: `params.add(value)` returns its `$n`. */
export class QueryParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Which rows of paragraphs, framing hits or their rollups a read takes: the one filter the
 * dashboard's aggregates and the alert detectors share.
 */
export interface ParagraphFilter {
  monitor: string;
  /** collapse: a wire story's canonical article only; all: every copy; reprints: the copies only */
  syndication: 'collapse' | 'all' | 'reprints';
  side: string | null;
  /** empty: every outlet */
  sources: readonly string[];
}

/**
 * The filter as SQL conditions over `table` (or unqualified columns). `all` names both reprint
 * values: the rollup keys put reprint right after monitor, and a list of two keeps the index
 * scan to the time range in both.
 */
export function paragraphConditions(
  filter: ParagraphFilter,
  params: QueryParams,
  table?: string,
): string[] {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  const reprint = {
    collapse: `${column('reprint')} = false`,
    reprints: `${column('reprint')} = true`,
    all: `${column('reprint')} = ANY('{false,true}'::boolean[])`,
  }[filter.syndication];
  const conditions = [`${column('monitor')} = ${params.add(filter.monitor)}`, reprint];
  if (filter.side !== null) conditions.push(`${column('side')} = ${params.add(filter.side)}`);
  if (filter.sources.length === 1) {
    conditions.push(`${column('source')} = ${params.add(filter.sources[0])}`);
  } else if (filter.sources.length > 1) {
    conditions.push(`${column('source')} = ANY(${params.add(filter.sources)}::text[])`);
  }
  return conditions;
}
