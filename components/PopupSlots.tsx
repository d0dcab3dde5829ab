/**
 * Notices in the popup. Each renders nothing when there is nothing to say:
 * the popup never shows invented data.
 */

import type { ReactNode } from 'react';
import type { Totals } from '../lib/counters/store';
import { isDeliveryDiagnostic, policyErrors, type EffectivePolicy } from '../lib/policy/effective';
import { BUILT_IN_SITES } from '../lib/sites/built-in-sites';
import type { Category } from '../lib/types';
import { counterCategoryLabel } from './labels';
import { UI_STRINGS, type UiStrings } from '../lib/i18n/ui-strings';
import { fill, type UiLanguage } from '../lib/i18n/language';
import { NewTabLink } from './NewTabLink';

/**
 * "Protection degraded": the content script could not find this protected
 * site's composer or send control (reported to the background, shown on the
 * toolbar badge). Renders nothing when protection is whole.
 */
export function ProtectionDegradedSlot(props: { degraded: boolean; language: UiLanguage }) {
  if (!props.degraded) return null;
  const t = UI_STRINGS[props.language];
  return (
    <section className="pv-degraded" role="alert" data-degraded="true">
      <strong>{t.degradedTitle}</strong>
      <p>{t.degradedBody}</p>
    </section>
  );
}

/** The organisation policy switches Promptvakt off (`enabled: false`). */
export function PolicyOffSlot(props: { enabled: boolean; language: UiLanguage }) {
  if (props.enabled) return null;
  const t = UI_STRINGS[props.language];
  return (
    <section className="pv-notice" data-policy-enabled="false">
      <strong>{t.protectionOffTitle}</strong>
      <p>{t.protectionOffBody}</p>
    </section>
  );
}

/** The one plain sentence every employee sees when the organisation policy has errors, with whom to contact. */
export function policyErrorsSentence(t: UiStrings, contact: string | undefined): string {
  return fill(t.policyErrorsPlain, { contact: contact ?? t.policyErrorsContactFallback });
}

/**
 * The admin view of the organisation policy's errors, behind a disclosure
 * ("Technical details for IT"), so employees see the plain sentence and IT
 * staff the details: each error by its JSON path with Promptvakt's message
 * (English, marked lang="en"), and first every field the browser did not
 * deliver (delivery.ts), marked as such, with the pointer to chrome://policy.
 * `limit` shows only the first few (the popup), with how many more after them.
 */
export function PolicyTechnicalDetails(props: {
  diagnostics: EffectivePolicy['diagnostics'];
  t: UiStrings;
  limit?: number;
  children?: ReactNode;
}) {
  const { t } = props;
  const shown = props.limit === undefined ? props.diagnostics : props.diagnostics.slice(0, props.limit);
  const more = props.diagnostics.length - shown.length;
  return (
    <details className="pv-technical" data-policy-technical="true">
      <summary>{t.policyTechnicalSummary}</summary>
      <p className="pv-muted">{t.policyTechnicalIntro}</p>
      <ul className="pv-diagnostics">
        {shown.map((d, i) =>
          isDeliveryDiagnostic(d) ? (
            <li key={`${i}-${d.path}`} data-diagnostic-kind={d.kind}>
              <strong>{t.policyNotDeliveredLabel}:</strong> <code>{d.field}</code> {t.policyNotDelivered}
            </li>
          ) : (
            <li key={`${i}-${d.path}`} data-severity={d.severity ?? 'error'}>
              {d.severity === 'warning' && <strong>{t.policyWarningLabel}: </strong>}
              <code>{d.path}</code>: <span lang="en">{d.message}</span>
              {d.hint && (
                <span className="pv-block pv-muted" lang="en">
                  {d.hint}
                </span>
              )}
            </li>
          ),
        )}
      </ul>
      {more > 0 && <p>{t.policyErrorsMore(more)}</p>}
      {props.children}
    </details>
  );
}

/**
 * The organisation policy has errors: one plain sentence for the employee
 * (protection stays on, the defaults apply there, whom to contact), and the
 * technical list for IT behind a disclosure, with a link to the full list on
 * the options page.
 */
export function PolicyErrorsSlot(props: {
  diagnostics: EffectivePolicy['diagnostics'];
  language: UiLanguage;
  href: string;
  /** The organisation's contact, named in the sentence (else "IT support"). */
  contact?: string;
}) {
  // Warnings leave the whole policy in force: the popup (every employee's view) shows errors only.
  const errors = policyErrors(props.diagnostics);
  if (!errors.length) return null;
  const t = UI_STRINGS[props.language];
  return (
    <section className="pv-alert" role="alert" data-policy-errors="true">
      <p>{policyErrorsSentence(t, props.contact)}</p>
      <PolicyTechnicalDetails diagnostics={errors} t={t} limit={POPUP_DIAGNOSTICS}>
        <p>
          <NewTabLink href={props.href} hint={t.newTabHint}>
            {t.policyErrorsShow}
          </NewTabLink>
        </p>
      </PolicyTechnicalDetails>
    </section>
  );
}

/** How many policy errors the popup lists; the options page lists them all. */
const POPUP_DIAGNOSTICS = 5;

export type GrantState = 'idle' | 'granted' | 'denied' | 'failed';

export function grantStateText(t: UiStrings, state: GrantState): string {
  return { idle: '', granted: t.grantAccessDone, denied: t.grantAccessDenied, failed: t.grantAccessFailed }[state];
}

/** `https://ai.example.se/*` → `ai.example.se`; `https://example.se/chat*` → `example.se/chat`. */
export function displaySitePattern(pattern: string): string {
  return pattern.replace(/^https:\/\//, '').replace(/\/?\*$/, '');
}

/**
 * Organisation sites Promptvakt may not access yet, with the button that asks
 * for access. The status line stays in place (empty when there is nothing to
 * report) so that screen readers announce the answer even after the notice
 * itself has gone.
 */
export function PendingSitesSlot(props: {
  pendingSites: readonly string[];
  language: UiLanguage;
  grantState: GrantState;
  onGrantAccess(): void;
}) {
  const t = UI_STRINGS[props.language];
  const n = props.pendingSites.length;
  return (
    <>
      {n > 0 && (
        <section className="pv-notice" aria-labelledby="pv-pending-title" data-pending-sites="true">
          <p id="pv-pending-title">
            <strong>{t.pendingSitesTitle(n)}</strong>
          </p>
          <p>{t.pendingSitesBody}</p>
          <ul className="pv-site-list">
            {props.pendingSites.map((p) => (
              <li key={p}>
                <code>{displaySitePattern(p)}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="pv-button" onClick={props.onGrantAccess}>
            {t.grantAccess}
          </button>
        </section>
      )}
      <p role="status" className="pv-live">
        {grantStateText(t, props.grantState)}
      </p>
    </>
  );
}

/** The parts of today's line: the total, then blocked, warned, masked and sent anyway where not 0. */
export function todayCountsText(t: UiStrings, totals: Totals): { total: string; parts: string[] } {
  const { byAction } = totals;
  const parts = [
    byAction.blocked > 0 ? t.todayBlocked(byAction.blocked) : '',
    byAction.warned > 0 ? t.todayWarned(byAction.warned) : '',
    byAction.masked > 0 ? t.todayMasked(byAction.masked) : '',
    byAction['sent-anyway'] > 0 ? t.todaySentAnyway(byAction['sent-anyway']) : '',
  ].filter(Boolean);
  return { total: t.todayEvents(totals.total), parts };
}

/**
 * Today's counts (this browser, today's UTC day) on one line, with a link to
 * the statistics tab. Renders nothing when nothing was counted today (or the
 * counters have not loaded).
 */
export function TodayCountsSlot(props: { totals: Totals | null | undefined; language: UiLanguage; href: string }) {
  const { totals } = props;
  if (!totals || totals.total <= 0) return null;
  const t = UI_STRINGS[props.language];
  const { total, parts } = todayCountsText(t, totals);
  return (
    <p className="pv-today" data-today-counts={totals.total}>
      {total}
      {parts.length > 0 && ` (${parts.join(', ')})`}.{' '}
      <NewTabLink href={props.href} hint={t.newTabHint}>
        {t.todayShowStats}
      </NewTabLink>
    </p>
  );
}

/**
 * "Reduced protection": the employee has set these categories below their
 * built-in default (lib/policy/protection-floor.ts). Renders nothing at the
 * defaults or stricter.
 */
export function ReducedProtectionSlot(props: { categories: readonly Category[]; language: UiLanguage; href: string }) {
  if (!props.categories.length) return null;
  const t = UI_STRINGS[props.language];
  const names = props.categories.map((c) => counterCategoryLabel(t, c)).join(', ');
  return (
    <section className="pv-alert" role="status" data-reduced-protection={props.categories.join(' ')}>
      <p>
        <strong>{t.reducedProtection}:</strong> {fill(t.reducedProtectionBody, { categories: names })}
      </p>
      <p>
        <NewTabLink href={props.href} hint={t.newTabHint}>
          {t.reducedProtectionFix}
        </NewTabLink>
      </p>
    </section>
  );
}

/** The organisation's approved AI services: the way forward from any page. Renders nothing when there are none. */
export function ApprovedToolsSlot(props: { tools: EffectivePolicy['approvedTools']; language: UiLanguage }) {
  if (!props.tools.length) return null;
  const t = UI_STRINGS[props.language];
  const other = props.language === 'sv' ? 'en' : 'sv';
  return (
    <section aria-labelledby="pv-approved-tools" data-approved-tools={props.tools.length}>
      <h2 id="pv-approved-tools">{t.approvedToolsHeading}</h2>
      <p className="pv-muted">{t.approvedToolsIntro}</p>
      <ul className="pv-links">
        {props.tools.map((tool) => (
          <li key={tool.url}>
            <NewTabLink href={tool.url} hint={t.newTabHint}>
              {fill(t.useInsteadName, { name: tool.name })}
            </NewTabLink>
            {tool.description && <span className="pv-muted pv-block">{tool.description[props.language] ?? tool.description[other]}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On a page Promptvakt does not protect: which services it does protect (built-in and the organisation's). */
export function ProtectedServicesSlot(props: { policy: EffectivePolicy; language: UiLanguage }) {
  const t = UI_STRINGS[props.language];
  const { policy } = props;
  if (!policy.enabled) return null;
  const off = new Set(policy.sites.filter((s) => s.mode === 'off').map((s) => s.pattern));
  const builtIn = BUILT_IN_SITES.filter((site) => !site.matches.some((m) => off.has(displaySitePattern(m)))).map((site) => site.name);
  const own = policy.sites.filter((s) => s.mode !== 'off').map((s) => s.pattern);
  const names = [...new Set([...builtIn, ...own])];
  return (
    <section aria-labelledby="pv-protected-services" data-protected-services={names.length}>
      <h2 id="pv-protected-services">{t.protectedServicesHeading}</h2>
      <p className="pv-muted">{names.join(', ')}</p>
    </section>
  );
}
