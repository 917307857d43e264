// Public entry of the analysis core: plain functions over plain data, no framework imports.
export * from './types';
export {
  analyzeArticle,
  isNarration,
  scoreTone,
  ANALYSIS_VERSION,
  MAX_ARTICLE_CHARS,
} from './analyze';
export { splitParagraphs, type ParagraphSpan } from './paragraphs';
export { listMonitors, getMonitor, DEFAULT_MONITOR, type MonitorDefinition } from './monitors';
export { UnknownMonitorError, TextTooLongError } from './errors';
export { FRAMES, type FrameDefinition } from './framing';
export {
  analyseLabelled,
  evaluate,
  parseLabelledArticle,
  pearson,
  toneClass,
  EvaluationInputError,
  type EvaluationReport,
  type LabelledArticle,
} from './evaluation';
export { TONE_PARAMS, type ToneParams } from './tone';
export {
  getMonitorVersion,
  loadUserMonitors,
  shippedMonitorIds,
  type MonitorSummary,
} from './monitors';
export {
  formatProblem,
  MONITOR_SCHEMA,
  MonitorFileError,
  monitorVersion,
  parseMonitorFile,
  parseMonitorFiles,
  type MonitorFile,
  type MonitorProblem,
} from './monitor-file';
export { AUTO_MONITORS, analyzeUnderMonitors, pickMonitors } from './several-monitors';
