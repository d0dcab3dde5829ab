/**
 * Background: resolves the policy (policy-service.ts), registers the content
 * script on sites the organisation adds, checks prompts the page hands over
 * (long texts, organisation regex rules), counts what happened (anonymous
 * day totals) and reports them if the policy names an endpoint, keeps each
 * tab's protection state and shows problems on the toolbar badge.
 */
import { UI_STRINGS } from '../../lib/i18n/ui-strings';
import { reducedCategories } from '../../lib/policy/protection-floor';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { policyErrors, type EffectivePolicy } from '../../lib/policy/effective';
import { BUILT_IN_SITE_MATCHES } from '../../lib/sites/built-in-sites';
import { SCAN_PORT, isCountRequest, isIdentifyRequest, isKeepWarm, isReportNowRequest, isScanRequest, type IdentifyReply } from '../../platform/messages';
import { identifierSpans } from '../../lib/redaction/identifiers';
import { loadPendingSites } from '../../platform/policy-store';
import { isTabStatusQuery, isTabStatusReport, type TabStatus } from '../../platform/tab-status';
import { Counters } from './counters';
import { PolicyService } from './policy-service';
import { receiveScanParts, scanForPage, warmUp } from './scan-service';
import { protectOpenTabs } from './open-tabs';
import { addedSitesByAccess, syncRegisteredSites } from './site-registration';

const key = (tabId: number) => `tab-status:${tabId}`;
const RED = '#b91c1c';

export default defineBackground(() => {
  // Listeners are registered on the first tick, as MV3 service workers require.
  const policies = new PolicyService();
  const counters = new Counters();

  // The engine is warmed once per worker, when a protected tab says it is open (KeepWarm), so a big
  // paste right after the browser starts finds it warm; a worker woken only by a timer skips it.
  let warmed = false;
  const warmOnce = () => {
    if (warmed) return;
    warmed = true;
    void policies
      .forChecks()
      .then(warmUp)
      .catch((error: unknown) => console.warn('Promptvakt: could not warm the engine', error));
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // A protected tab in view keeps the worker (and so the warm engine) alive; nothing to answer.
    if (isKeepWarm(message)) return void warmOnce();
    if (isScanRequest(message)) {
      return policies.forChecks().then((policy) => scanForPage(policy, message));
    }
    if (isIdentifyRequest(message)) {
      if (sender.id !== browser.runtime.id) return undefined;
      let reply: IdentifyReply;
      try {
        reply = { ok: true, spans: identifierSpans(message.text, { knownNames: message.knownNames.filter((n) => typeof n === 'string') }) };
      } catch (error) {
        reply = { ok: false, error: String(error) };
      }
      return Promise.resolve(reply);
    }
    if (isReportNowRequest(message)) {
      // Extension pages only (the options page's "send now"); never a content script.
      if (sender.id !== browser.runtime.id || sender.tab?.url?.startsWith('http')) return undefined;
      return policies.get().then(() => counters.report());
    }
    if (isCountRequest(message)) {
      // Only our own content scripts count; the site is the sender tab's hostname.
      if (sender.id !== browser.runtime.id || !sender.tab) return undefined;
      void policies
        .get()
        .then(() => counters.count(message, sender.tab?.url))
        .catch((error: unknown) => console.error('Promptvakt: could not count', error));
      return undefined;
    }
    if (isTabStatusReport(message) && sender.tab?.id !== undefined) {
      const tabId = sender.tab.id;
      const status: TabStatus = { degraded: message.degraded, site: message.site };
      void browser.storage.session.set({ [key(tabId)]: status });
      // A tab that is not degraded falls back to the global badge (null, not ''), so "reduced
      // protection" or policy errors stay visible on the protected sites too.
      const reset = null as unknown as string;
      void toolbarButton().setBadgeText({ tabId, text: message.degraded ? '!' : reset });
      void toolbarButton().setBadgeBackgroundColor({ tabId, color: RED });
      // Titles have no documented "inherit" value in Chrome: a tab that is whole gets the global title.
      void (message.degraded
        ? Promise.resolve('Promptvakt: skyddet är begränsat på den här sidan / protection degraded')
        : toolbarButton().getTitle({})
      ).then((title) => toolbarButton().setTitle({ tabId, title }));
      return undefined;
    }
    if (isTabStatusQuery(message)) {
      return browser.storage.session
        .get(key(message.tabId))
        .then((stored) => (stored[key(message.tabId)] as TabStatus | undefined) ?? { degraded: false });
    }
    return undefined;
  });
  browser.runtime.onConnect.addListener((port) => {
    // Long texts from our own content scripts, in parts.
    if (port.name === SCAN_PORT && port.sender?.id === browser.runtime.id) receiveScanParts(port, () => policies.forChecks());
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(key(tabId)));

  /** Registers the organisation's sites and shows what is still wrong on the badge. */
  const applySites = (policy: EffectivePolicy) =>
    syncRegisteredSites(policy)
      .catch((error: unknown) => {
        console.error('Promptvakt: could not register the organisation sites', error);
        return loadPendingSites();
      })
      .then((pending) => showPolicyState(policy, pending));
  policies.onChange((policy) => {
    counters.setPolicy(policy);
    void applySites(policy);
  });
  browser.permissions.onAdded.addListener((added) => {
    void policies
      .get()
      .then(applySites)
      // Tabs already open on a site just granted are protected at once, not after a reload.
      .then(() => protectOpenTabs(added.origins ?? []));
  });
  counters.start();
  policies.start();
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install' && reason !== 'update') return;
    // Tabs open before this install or update have no working content script. (Registration
    // for the added sites is applySites' job, on the policy's first resolution.)
    void policies
      .get()
      .then(async (policy) => protectOpenTabs([...BUILT_IN_SITE_MATCHES, ...(await addedSitesByAccess(policy)).granted]))
      .catch((error: unknown) => console.error('Promptvakt: could not protect the open tabs', error));
  });
});

/**
 * What the toolbar badge says everywhere: "!" for a policy with errors,
 * organisation sites still waiting for access, or protection the employee has
 * set below the defaults (protection-floor.ts); the tooltip says which.
 */
async function showPolicyState(policy: EffectivePolicy, pending: readonly string[]): Promise<void> {
  const reduced = policy.enabled && reducedCategories(policy).length > 0;
  const errors = policyErrors(policy.diagnostics).length > 0;
  const problem = errors || pending.length > 0 || reduced;
  await toolbarButton().setBadgeText({ text: problem ? '!' : '' });
  await toolbarButton().setBadgeBackgroundColor({ color: RED });
  await toolbarButton().setTitle({
    title: errors
      ? 'Promptvakt: organisationens policy har fel / the organisation policy has errors'
      : pending.length
        ? 'Promptvakt: webbplatser väntar på åtkomst / sites wait for access'
        : reduced
          ? `${UI_STRINGS.sv.badgeReduced} / ${UI_STRINGS.en.badgeReduced}`
          : 'Promptvakt',
  });
}

/** The toolbar button: `action` in Manifest V3, `browserAction` in Firefox's Manifest V2 build. */
function toolbarButton(): typeof browser.action {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}
