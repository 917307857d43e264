import { type EntityManager } from 'typeorm';
import { type AlertRuleFields } from '../rules/alert-rules.repository';
import { type ArticleSummary, groupByArticle, type Observation } from '../detection';
import { eventFilterOf, streamFilterOf } from './detector-rule';
import { baselineEvents, streamEvents } from './event-observations.repository';
import { baselineArticles, streamParagraphs } from './paragraph-observations.repository';

type RuleSettings = AlertRuleFields;

/**
 * What a rule's detector observes in a time range: one observation per article of the
 * watched side, or, for asymmetry, one per event. Shared by evaluation, rule status and the
 * backtest command, so all three see the same stream.
 */
export async function observationsOf(
  db: EntityManager,
  rule: RuleSettings,
  range: { from: Date; to: Date },
  unseenBy?: string,
): Promise<Observation[]> {
  if (rule.metric === 'asymmetry') return streamEvents(db, eventFilterOf(rule), range, unseenBy);
  return groupByArticle(await streamParagraphs(db, streamFilterOf(rule), range, unseenBy));
}

/** The baseline's input: one summary per article, or per event for asymmetry. */
export async function baselineOf(
  db: EntityManager,
  rule: RuleSettings,
  window: { from: Date; to: Date },
): Promise<ArticleSummary[]> {
  if (rule.metric === 'asymmetry') return baselineEvents(db, eventFilterOf(rule), window);
  return baselineArticles(db, streamFilterOf(rule), window);
}
