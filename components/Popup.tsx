/**
 * The toolbar popup: is the current tab a protected AI site (and how strictly
 * the organisation guards it), which policy applies and whether it has
 * errors, organisation sites waiting for access, today's counts, where the
 * guidelines are, and a way to the options page.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { todayTotals, utcDay, type Totals } from '../lib/counters/store';
import { matchPatternFor, siteModeFor, type EffectivePolicy } from '../lib/policy/effective';
import type { SiteMode } from '../lib/policy/schema';
import { builtInCatalogue } from '../lib/rules/catalogue';
import { matchesPattern, siteForUrl } from '../lib/sites/built-in-sites';
import { UI_STRINGS } from '../lib/i18n/ui-strings';
import { fill, type UiLanguage } from '../lib/i18n/language';
import { policySourceText } from './labels';
import {
  ApprovedToolsSlot,
  PendingSitesSlot,
  PolicyErrorsSlot,
  PolicyOffSlot,
  ProtectedServicesSlot,
  ProtectionDegradedSlot,
  ReducedProtectionSlot,
  TodayCountsSlot,
  type GrantState,
} from './PopupSlots';
import { reducedCategories } from '../lib/policy/protection-floor';
import { useCounters } from './useCounters';
import { requestSiteAccess, usePolicy } from './usePolicy';
import { useLanguageChoice } from './useLanguageChoice';
import type { TabStatus, TabStatusQuery } from '../platform/tab-status';
import { NewTabLink } from './NewTabLink';

/** Guidelines linked from the popup: Digg's index and IMY's advice. */
export const POPUP_GUIDELINE_IDS = ['digg-index', 'imy-ai-tjanster'] as const;

export interface SiteStatus {
  protected: boolean;
  /** The page's host name, when the popup may read the address (activeTab: only once the employee opens the popup). */
  host?: string;
  /** The site's name (built-in sites) or host name (organisation sites) when protected. */
  name?: string;
  /** When protected: how strictly (block = the rules apply in full; warn; monitor). */
  mode?: Exclude<SiteMode, 'off'>;
  /** The organisation switched protection off here (for this site, or everywhere). */
  offByOrganisation?: boolean;
  /** The content script reported that it cannot find the composer or send control. */
  degraded?: boolean;
}

/**
 * Status for a tab URL under a policy (the built-in defaults when none is
 * given). The URL is only readable for hosts Promptvakt has access to (the
 * protected sites and granted organisation sites); anything else is "not
 * protected".
 */
export function siteStatus(url: string | undefined, policy?: EffectivePolicy): SiteStatus {
  if (!url) return { protected: false };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { protected: false };
  }
  const builtIn = siteForUrl(parsed);
  const mode: SiteMode = policy ? siteModeFor(policy, parsed, !!builtIn) : builtIn ? 'block' : 'off';
  if (mode === 'off') {
    const listed = !!policy?.sites.some((s) => matchesPattern(matchPatternFor(s.pattern), parsed));
    const host = /^https?:$/.test(parsed.protocol) ? parsed.hostname : undefined;
    return policy && (builtIn || listed) ? { protected: false, offByOrganisation: true, host } : { protected: false, host };
  }
  return { protected: true, name: builtIn?.name ?? parsed.hostname, mode };
}

interface ActiveTab {
  url?: string;
  degraded: boolean;
}

async function activeTab(): Promise<ActiveTab> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    // The URL is readable only where Promptvakt has host access, i.e. where its content script may run.
    if (!tab?.url || tab.id === undefined) return { url: tab?.url, degraded: false };
    const query: TabStatusQuery = { type: 'promptvakt/get-tab-status', tabId: tab.id };
    const reported = (await browser.runtime.sendMessage(query).catch(() => undefined)) as TabStatus | undefined;
    return { url: tab.url, degraded: !!reported?.degraded };
  } catch {
    return { degraded: false };
  }
}

export function Popup() {
  const [lang] = useLanguageChoice();
  const state = usePolicy();
  const [tab, setTab] = useState<ActiveTab | null>(null);
  const [grant, setGrant] = useState<GrantState>('idle');
  const counters = useCounters();

  useEffect(() => {
    void activeTab().then(setTab);
  }, []);

  if (!lang || !state || !tab) return null;
  const status = siteStatus(tab.url, state.policy);
  if (status.protected) status.degraded = tab.degraded;

  const onGrantAccess = () => {
    setGrant('idle');
    // Straight from the click: permission requests need the user's gesture.
    requestSiteAccess(state.pendingSites).then(
      (granted) => setGrant(granted ? 'granted' : 'denied'),
      () => setGrant('failed'),
    );
  };

  return (
    <PopupView
      language={lang.language}
      status={status}
      policy={state.policy}
      pendingSites={state.pendingSites}
      grantState={grant}
      onGrantAccess={onGrantAccess}
      optionsPolicyHref={`${browser.runtime.getURL('/options.html')}#policy`}
      todayTotals={counters ? todayTotals(counters, utcDay(new Date())) : null}
      optionsStatsHref={`${browser.runtime.getURL('/options.html')}#stats`}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      tabUrl={tab.url}
    />
  );
}

export interface PopupViewProps {
  language: UiLanguage;
  status: SiteStatus;
  policy: EffectivePolicy;
  /** Match patterns of organisation sites waiting for host permission. */
  pendingSites: readonly string[];
  grantState?: GrantState;
  onGrantAccess(): void;
  /** The options page's policy tab, linked from the policy-errors alert. */
  optionsPolicyHref: string;
  /** Today's counts (this UTC day); nothing is shown while null or 0. */
  todayTotals?: Totals | null;
  /** The options page's statistics tab, linked from today's counts. */
  optionsStatsHref?: string;
  onOpenOptions(): void;
  /** The active tab's address, when readable: to tell a site waiting for access. */
  tabUrl?: string;
}

/** The page is an organisation site that still waits for the employee to grant access. */
function waitingForAccess(status: SiteStatus, pendingSites: readonly string[], url: string | undefined): boolean {
  if (!url || status.offByOrganisation || !pendingSites.length) return false;
  try {
    const parsed = new URL(url);
    return pendingSites.some((pattern) => matchesPattern(pattern, parsed));
  } catch {
    return false;
  }
}

export function PopupView(props: PopupViewProps) {
  const { language, status, policy } = props;
  const t = UI_STRINGS[language];
  const catalogue = builtInCatalogue();
  const guidelines = POPUP_GUIDELINE_IDS.flatMap((id) => {
    const g = catalogue.guidelines.get(id);
    return g ? [g] : [];
  });
  const org = policy.organisation;
  const reduced = policy.enabled ? reducedCategories(policy) : [];
  const pending = !status.protected && waitingForAccess(status, props.pendingSites, props.tabUrl);
  const state = pending ? 'pending' : !status.protected ? 'unprotected' : reduced.length ? 'reduced' : 'protected';

  const hint = pending
    ? t.sitePendingHint
    : !status.protected
      ? status.offByOrganisation
        ? t.siteOffByOrganisation
        : status.host
          ? fill(t.notProtectedHost, { host: status.host })
          : t.notProtectedSiteHint
      : status.mode === 'warn'
        ? t.siteModeWarnHint
        : status.mode === 'monitor'
          ? t.siteModeMonitorHint
          : t.protectedSiteHint;
  const heading = { pending: t.sitePending, unprotected: t.notProtectedSite, reduced: t.reducedProtection, protected: t.protectedSite }[state];

  return (
    <main className="pv-page pv-popup">
      <h1>Promptvakt</h1>

      <section
        className={`pv-site pv-site--${state === 'protected' ? 'protected' : state === 'reduced' ? 'reduced' : 'unprotected'}`}
        data-protected={status.protected}
        data-site-state={state}
        data-site-mode={status.protected ? status.mode : 'off'}
        aria-label={heading}
      >
        <p className="pv-site__state">
          <span className="pv-site__icon" aria-hidden="true">
            {state === 'protected' ? '✓' : state === 'reduced' || state === 'pending' ? '!' : '–'}
          </span>
          <strong>{heading}</strong>
        </p>
        {status.protected && <p className="pv-site__name">{status.name}</p>}
        <p className="pv-muted">{hint}</p>
        {pending && (
          <button type="button" className="pv-button" onClick={props.onGrantAccess} data-grant-this-site="true">
            {t.grantAccess}
          </button>
        )}
      </section>

      <ReducedProtectionSlot categories={reduced} language={language} href={props.optionsPolicyHref} />
      <ApprovedToolsSlot tools={policy.approvedTools} language={language} />
      {!status.protected && !pending && <ProtectedServicesSlot policy={policy} language={language} />}
      <ProtectionDegradedSlot degraded={!!status.degraded} language={language} />
      <PolicyOffSlot enabled={policy.enabled} language={language} />
      <PolicyErrorsSlot
        diagnostics={policy.diagnostics}
        language={language}
        href={props.optionsPolicyHref}
        contact={policy.organisation?.contact}
      />
      <PendingSitesSlot
        pendingSites={props.pendingSites}
        language={language}
        grantState={props.grantState ?? 'idle'}
        onGrantAccess={props.onGrantAccess}
      />
      <TodayCountsSlot totals={props.todayTotals} language={language} href={props.optionsStatsHref ?? 'options.html#stats'} />

      <dl className="pv-facts">
        <dt>{t.policySource}</dt>
        <dd data-policy-source={policy.source}>{policySourceText(t, policy)}</dd>
      </dl>

      <section aria-labelledby="pv-guidelines">
        <h2 id="pv-guidelines">{t.guidelinesHeading}</h2>
        <ul className="pv-links">
          {org?.policyUrl && (
            <li data-guideline="organisation">
              <NewTabLink href={org.policyUrl} hint={t.newTabHint}>
                {org.name ? fill(t.orgGuideline, { name: org.name }) : t.organisationPolicyLink}
              </NewTabLink>
            </li>
          )}
          {guidelines.map((g) => (
            <li key={g.id}>
              <NewTabLink href={g.url} hint={t.newTabHint}>
                {g.title[language]}
              </NewTabLink>{' '}
              <span className="pv-muted">({g.publisher})</span>
            </li>
          ))}
        </ul>
      </section>

      <button type="button" className="pv-button" onClick={props.onOpenOptions}>
        {t.openOptions}
      </button>
    </main>
  );
}
