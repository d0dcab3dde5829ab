/**
 * Helpers for the extension's own pages in Firefox (popup, options): read the
 * popup's status, wait for "protection degraded", read the toolbar badge.
 * Extension pages run with the `browser` API, so page.evaluate there can ask
 * the extension itself.
 */
import type { Page } from 'puppeteer-core';

export interface PopupStatus {
  protected: string | null;
  state: string | null;
  name: string | null;
  policy: string | null;
}

export function popupStatus(popup: Page): Promise<PopupStatus> {
  return popup.evaluate(() => {
    const site = document.querySelector('[data-protected]');
    return {
      protected: site?.getAttribute('data-protected') ?? null,
      state: site?.querySelector('.pv-site__state strong')?.textContent ?? null,
      name: site?.querySelector('.pv-site__name')?.textContent ?? null,
      policy: document.querySelector('[data-policy-source]')?.textContent ?? null,
    };
  });
}

/** Reloads the popup until it shows "protection degraded" (the content script checks 4 s after load). */
export async function waitForDegradedPopup(popup: Page, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await popup.evaluate(() => document.querySelector('[data-degraded="true"]')?.textContent ?? null).catch(() => null);
    if (text !== null) return text;
    if (Date.now() > deadline) throw new Error(`the popup did not show "protection degraded" within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 1000));
    await popup.evaluate(() => location.reload()).catch(() => {});
    await popup.waitForSelector('[data-protected]').catch(() => {});
  }
}

/** The toolbar badge's text on the tab at `origin`, polled until it is not empty (or the timeout). */
export async function degradedBadge(extensionPage: Page, origin: string, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await extensionPage.evaluate(async (origin) => {
      type Action = { getBadgeText(details: { tabId?: number }): Promise<string> };
      const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number }[]> }; action?: Action; browserAction?: Action } }).browser;
      const [tab] = await api.tabs.query({ url: `${origin}/*` });
      const action = api.action ?? api.browserAction;
      return tab?.id === undefined || !action ? '' : action.getBadgeText({ tabId: tab.id });
    }, origin);
    if (text || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 500));
  }
}
