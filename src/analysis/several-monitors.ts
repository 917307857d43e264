/**
 * One article under several monitors: each monitor's analysis is its own (its sides, its
 * actors), and `"auto"` picks the monitors the article is about.
 *
 * The `auto` rule: a monitor is picked when at least AUTO_MIN_PARAGRAPHS paragraphs of the
 * article involve it, that is, speak for one of its sides or name one of its actors (the
 * paragraph's `side` is one of the monitor's, or its `targets` is not empty); an article shorter
 * than that needs every paragraph. One passing mention ("as in Ukraine") is not enough, and an
 * article about one side only (China's position on the war) still counts for the monitor of
 * that side. When no monitor qualifies, the default monitor is used, as for a submission that
 * names none.
 */

import { analyzeArticle } from './analyze';
import { RESERVED_MONITOR_ID } from './monitor-file';
import { DEFAULT_MONITOR, getMonitor, listMonitors } from './monitors';
import { NEUTRAL, type AnalyzeOptions, type ArticleAnalysis } from './types';

export const AUTO_MONITORS = RESERVED_MONITOR_ID;
export const AUTO_MIN_PARAGRAPHS = 2;

/** Paragraphs of the analysis that speak for one of the monitor's sides or name one of them. */
export function involvedParagraphs(analysis: ArticleAnalysis): number {
  return analysis.paragraphs.filter((p) => p.side !== NEUTRAL || p.targets.length > 0).length;
}

export interface MonitorPick {
  monitor: string;
  /** paragraphs involving the monitor */
  paragraphs: number;
  analysis: ArticleAnalysis;
}

/**
 * Analyses the text under every monitor and keeps those the `auto` rule picks, most involved
 * first (ties in monitor order); the default monitor alone when none qualifies, or nothing
 * when `defaultMonitor` is null (the caller has monitors of its own).
 */
export function pickMonitors(
  text: string,
  options: Omit<AnalyzeOptions, 'monitor'> & { defaultMonitor?: string | null } = {},
): MonitorPick[] {
  const all = listMonitors().map((m): MonitorPick => {
    const analysis = analyzeArticle(text, { source: options.source, monitor: m.id });
    return { monitor: m.id, paragraphs: involvedParagraphs(analysis), analysis };
  });
  const needed = (count: number) => Math.max(1, Math.min(AUTO_MIN_PARAGRAPHS, count));
  const picked = all
    .filter((p) => p.paragraphs >= needed(p.analysis.paragraphs.length))
    .sort((a, b) => b.paragraphs - a.paragraphs);
  if (picked.length > 0 || options.defaultMonitor === null) return picked;
  const fallback = options.defaultMonitor ?? DEFAULT_MONITOR;
  return all.filter((p) => p.monitor === fallback);
}

/**
 * The analyses of the text under each named monitor (in the order given, each once), or under
 * the monitors `auto` picks.
 */
export function analyzeUnderMonitors(
  text: string,
  monitors: readonly string[] | typeof AUTO_MONITORS,
  options: Omit<AnalyzeOptions, 'monitor'> & { defaultMonitor?: string } = {},
): ArticleAnalysis[] {
  if (monitors === AUTO_MONITORS) return pickMonitors(text, options).map((p) => p.analysis);
  const ids = [...new Set(monitors)];
  for (const id of ids) getMonitor(id); // an unknown id fails before any analysis
  return ids.map((monitor) => analyzeArticle(text, { source: options.source, monitor }));
}
