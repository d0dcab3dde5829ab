/**
 * Messages between the content script, the background and the popup about a
 * tab's protection state. "Degraded" means a protected site's composer or send
 * control could not be found: the guard falls back to watching any editable
 * field, and the toolbar badge and popup say so.
 */
export interface TabStatusReport {
  type: 'promptvakt/tab-status';
  degraded: boolean;
  site: string;
}

export interface TabStatusQuery {
  type: 'promptvakt/get-tab-status';
  tabId: number;
}

export interface TabStatus {
  degraded: boolean;
  site?: string;
}

export const isTabStatusReport = (m: unknown): m is TabStatusReport =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'promptvakt/tab-status';

export const isTabStatusQuery = (m: unknown): m is TabStatusQuery =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'promptvakt/get-tab-status';
