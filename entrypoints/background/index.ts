/**
 * Background service worker: keeps each tab's protection state and shows a
 * degraded state on the toolbar badge. (Policy and counters come later.)
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isTabStatusQuery, isTabStatusReport, type TabStatus } from './shared/tab-status';

const key = (tabId: number) => `tab-status:${tabId}`;

export default defineBackground(() => {
  // Listeners are registered on the first tick, as MV3 service workers require.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isTabStatusReport(message) && sender.tab?.id !== undefined) {
      const tabId = sender.tab.id;
      const status: TabStatus = { degraded: message.degraded, site: message.site };
      void browser.storage.session.set({ [key(tabId)]: status });
      void browser.action.setBadgeText({ tabId, text: message.degraded ? '!' : '' });
      void browser.action.setBadgeBackgroundColor({ tabId, color: '#b91c1c' });
      void browser.action.setTitle({
        tabId,
        title: message.degraded ? 'Promptvakt: skyddet är begränsat på den här sidan / protection degraded' : 'Promptvakt',
      });
      return undefined;
    }
    if (isTabStatusQuery(message)) {
      return browser.storage.session
        .get(key(message.tabId))
        .then((stored) => (stored[key(message.tabId)] as TabStatus | undefined) ?? { degraded: false });
    }
    return undefined;
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(key(tabId)));
});
