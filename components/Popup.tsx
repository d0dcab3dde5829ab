/**
 * The toolbar popup: is the current tab a protected AI site, which rules
 * apply, where the guidelines are, and a way to the options page.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { builtInCatalogue } from '../lib/rules/catalogue';
import { siteForUrl } from '../lib/sites/built-in-sites';
import { UI_STRINGS, type UiLanguage } from './i18n';
import { ProtectionDegradedSlot, TodayCountsSlot } from './PopupSlots';
import { useLanguageChoice } from './useLanguageChoice';
import type { TabStatus, TabStatusQuery } from '../entrypoints/shared/tab-status';

/** Guidelines linked from the popup: Digg's index and IMY's advice. */
export const POPUP_GUIDELINE_IDS = ['digg-index', 'imy-ai-tjanster'] as const;

export interface SiteStatus {
  protected: boolean;
  /** The site's name when protected. */
  name?: string;
  /** The content script reported that it cannot find the composer or send control. */
  degraded?: boolean;
}

/**
 * Status for a tab URL. The URL is only readable for hosts in
 * host_permissions (the protected sites); anything else is "not protected".
 */
export function siteStatus(url: string | undefined): SiteStatus {
  if (!url) return { protected: false };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { protected: false };
  }
  const site = siteForUrl(parsed);
  return site ? { protected: true, name: site.name } : { protected: false };
}

async function activeTabStatus(): Promise<SiteStatus> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const status = siteStatus(tab?.url);
    if (status.protected && tab?.id !== undefined) {
      const query: TabStatusQuery = { type: 'promptvakt/get-tab-status', tabId: tab.id };
      const reported = (await browser.runtime.sendMessage(query).catch(() => undefined)) as TabStatus | undefined;
      status.degraded = !!reported?.degraded;
    }
    return status;
  } catch {
    return { protected: false };
  }
}

export function Popup() {
  const [lang] = useLanguageChoice();
  const [status, setStatus] = useState<SiteStatus | null>(null);

  useEffect(() => {
    void activeTabStatus().then(setStatus);
  }, []);

  if (!lang || !status) return null;
  return <PopupView language={lang.language} status={status} onOpenOptions={() => void browser.runtime.openOptionsPage()} />;
}

export function PopupView(props: { language: UiLanguage; status: SiteStatus; onOpenOptions(): void }) {
  const { language, status } = props;
  const t = UI_STRINGS[language];
  const catalogue = builtInCatalogue();
  const guidelines = POPUP_GUIDELINE_IDS.flatMap((id) => {
    const g = catalogue.guidelines.get(id);
    return g ? [g] : [];
  });

  return (
    <main className="pv-page pv-popup">
      <h1>Promptvakt</h1>

      <section
        className={`pv-site ${status.protected ? 'pv-site--protected' : 'pv-site--unprotected'}`}
        data-protected={status.protected}
        aria-label={status.protected ? t.protectedSite : t.notProtectedSite}
      >
        <p className="pv-site__state">
          <span className="pv-site__icon" aria-hidden="true">
            {status.protected ? '✓' : '–'}
          </span>
          <strong>{status.protected ? t.protectedSite : t.notProtectedSite}</strong>
        </p>
        {status.protected && <p className="pv-site__name">{status.name}</p>}
        <p className="pv-muted">{status.protected ? t.protectedSiteHint : t.notProtectedSiteHint}</p>
      </section>

      <ProtectionDegradedSlot degraded={!!status.degraded} language={language} />
      <TodayCountsSlot />

      <dl className="pv-facts">
        <dt>{t.policySource}</dt>
        <dd data-policy-source="built-in">{t.policyBuiltIn}</dd>
      </dl>

      <section aria-labelledby="pv-guidelines">
        <h2 id="pv-guidelines">{t.guidelinesHeading}</h2>
        <ul className="pv-links">
          {guidelines.map((g) => (
            <li key={g.id}>
              <a href={g.url} target="_blank" rel="noopener noreferrer">
                {g.title[language]}
                <span className="pv-visually-hidden"> {t.newTabHint}</span>
              </a>{' '}
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
