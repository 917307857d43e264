// Every migration, in order. Listed explicitly (not globbed) so the same list works from
// compiled JavaScript and from TypeScript under the test runner. Append new ones at the end.
import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { Sources1764400200000 } from './1764400200000-sources';
import { Dashboard1764400100000 } from './1764400100000-dashboard';
import { Alerts1764400300000 } from './1764400300000-alerts';
import { DashboardSideRollups1764400400000 } from './1764400400000-dashboard-side-rollups';
import { FramingPhraseIndex1764400500000 } from './1764400500000-framing-phrase-index';
import { MonitorVersion1764400600000 } from './1764400600000-monitor-version';
import { DirectionalToneRollups1764400700000 } from './1764400700000-directional-tone-rollups';
import { DirectionalDailyRollups1764400800000 } from './1764400800000-directional-daily-rollups';
import { Events1764400900000 } from './1764400900000-events';
import { LinearArticleRollups1764401000000 } from './1764401000000-linear-article-rollups';
import { ScoringJob1764401100000 } from './1764401100000-scoring-job';
import { WireReprints1764401200000 } from './1764401200000-wire-reprints';
import { AsymmetryAlerts1764401300000 } from './1764401300000-asymmetry-alerts';
import { WireBackfill1764401400000 } from './1764401400000-wire-backfill';
import { ArticlesInSeveralMonitors1764401500000 } from './1764401500000-articles-in-several-monitors';
import { EventsSyndication1764401600000 } from './1764401600000-events-syndication';
import { DailyRollups1764401700000 } from './1764401700000-daily-rollups';
import { AlertRuleSyndication1764401800000 } from './1764401800000-alert-rule-syndication';

export const MIGRATIONS = [
  InitialSchema1764400000000,
  Dashboard1764400100000,
  Sources1764400200000,
  Alerts1764400300000,
  DashboardSideRollups1764400400000,
  FramingPhraseIndex1764400500000,
  MonitorVersion1764400600000,
  DirectionalToneRollups1764400700000,
  DirectionalDailyRollups1764400800000,
  Events1764400900000,
  LinearArticleRollups1764401000000,
  ScoringJob1764401100000,
  WireReprints1764401200000,
  AsymmetryAlerts1764401300000,
  WireBackfill1764401400000,
  ArticlesInSeveralMonitors1764401500000,
  EventsSyndication1764401600000,
  DailyRollups1764401700000,
  AlertRuleSyndication1764401800000,
];
