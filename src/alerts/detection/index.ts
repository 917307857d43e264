// Sequential change detection for alert rules: plain TypeScript, shared by the worker, the
// backtest command and the benchmark.
export * from './baseline';
export * from './baseline-window';
export * from './channel-state';
export * from './cusum';
export * from './detector';
export * from './observations';
export * from './replay';
export * from './settings';
