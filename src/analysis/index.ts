// Public entry of the analysis core: plain functions over plain data, no framework imports.
export * from './types';
export { analyzeArticle, scoreTone, ANALYSIS_VERSION, MAX_ARTICLE_CHARS } from './analyze';
export { splitParagraphs, type ParagraphSpan } from './paragraphs';
export { listMonitors, getMonitor, DEFAULT_MONITOR, type MonitorDefinition } from './monitors';
export { UnknownMonitorError, TextTooLongError } from './errors';
export { FRAMES, type FrameDefinition } from './framing';
export {
  evaluate,
  parseLabelledArticle,
  EvaluationInputError,
  type EvaluationReport,
  type LabelledArticle,
} from './evaluation';
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
