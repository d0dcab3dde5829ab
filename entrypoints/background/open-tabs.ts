/**
 * Tabs that were open before Promptvakt could run in them. The browser runs a
 * content script only in pages loaded after it was installed or registered,
 * and after an update the copy in an open tab loses its extension and stops.
 * Without this, a tab opened before a (forced) install, an update, or the
 * grant of an organisation site would be silently unprotected until reloaded.
 * Frames where a live copy already runs (the page loaded after the install,
 * or the site was registered before) are left alone: a new copy would
 * replace it and drop a send it is holding.
 */
import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT } from './site-registration';

/** Injects the content script into every frame of the open tabs matching `patterns`; returns how many tabs got it. */
export async function protectOpenTabs(patterns: readonly string[]): Promise<number> {
  if (!patterns.length) return 0;
  const tabs = await browser.tabs.query({ url: [...patterns] }).catch(() => []);
  let protectedTabs = 0;
  for (const tab of tabs) {
    // A discarded tab reloads (and gets the content script) when it is shown again.
    if (tab.id === undefined || tab.discarded) continue;
    try {
      const probes = await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, func: hasLiveCopy });
      const frameIds = probes.filter((probe) => probe.result !== true).map((probe) => probe.frameId);
      if (!frameIds.length) continue;
      await browser.scripting.executeScript({ target: { tabId: tab.id, frameIds }, files: [`/${CONTENT_SCRIPT}` as const] });
      protectedTabs++;
    } catch (error) {
      // An error page or a tab that is navigating away: it gets the content script when it loads.
      console.warn('Promptvakt: could not protect an open tab', error);
    }
  }
  return protectedTabs;
}

/**
 * Runs in the frame, in the extension's isolated world: is a copy of the
 * content script there and still connected? (content/single-instance.ts)
 * Self-contained: executeScript sends the function's source.
 */
function hasLiveCopy(): boolean {
  const copy = (globalThis as { promptvaktContentScript?: { isLive?: () => boolean } }).promptvaktContentScript;
  try {
    return copy?.isLive?.() === true;
  } catch {
    return false;
  }
}
