/**
 * Promptvakt's anonymous counters for security teams (docs/COUNTERS.md): browser-free, runs in
 * Node and in the extension. The background owns one CounterWriter over extension storage and
 * uses report-plan + otlp to send completed UTC days; the dashboard reads the store's totals.
 */
export * from './catalogue';
export * from './store';
export * from './writer';
export * from './otlp';
export * from './report-plan';
export * from './export';
