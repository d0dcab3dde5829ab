/** Words for policy actions, scan decisions and counter labels in the UI language. */
import { OTHER_SITE, type CounterAction, type CounterCategory } from '../lib/counters/catalogue';
import type { PolicyAction, SiteMode } from '../lib/policy/schema';
import type { Action, Decision } from '../lib/types';
import type { EffectivePolicy } from '../lib/policy/effective';
import type { UiStrings } from '../lib/i18n/ui-strings';
import { fill } from '../lib/i18n/language';

export function actionLabel(t: UiStrings, action: Action): string {
  return { block: t.actionBlock, warn: t.actionWarn, log: t.actionLog, off: t.actionOff }[action];
}

export function actionHelp(t: UiStrings, action: Action): string {
  return { block: t.actionBlockHelp, warn: t.actionWarnHelp, log: t.actionLogHelp, off: t.actionOffHelp }[action];
}

export function decisionLabel(t: UiStrings, decision: Decision): string {
  return { block: t.decisionBlock, warn: t.decisionWarn, allow: t.decisionAllow }[decision];
}

export function decisionText(t: UiStrings, decision: Decision): string {
  return { block: t.decisionBlockText, warn: t.decisionWarnText, allow: t.decisionAllowText }[decision];
}

/** A policy action in words (the policy and the engine share one vocabulary: 'log' is shown as "Upplysning"/"Notice"). */
export function policyActionLabel(t: UiStrings, action: PolicyAction): string {
  return actionLabel(t, action);
}

/** The badge modifier for a policy action (pv-badge--log for 'log'). */
export function policyActionClass(action: PolicyAction): Action {
  return action;
}

export function siteModeLabel(t: UiStrings, mode: SiteMode): string {
  return { block: t.siteModeBlock, warn: t.siteModeWarn, monitor: t.siteModeMonitor, off: t.siteModeOff }[mode];
}

/** "Inbyggd standardpolicy" or "Policy från <organisation>". */
export function policySourceText(t: UiStrings, policy: EffectivePolicy): string {
  if (policy.source === 'built-in') return t.policyBuiltIn;
  const name = policy.organisation?.name;
  return name ? fill(t.policyFromOrganisation, { name }) : t.policyFromOrganisationUnnamed;
}

/** A counter outcome ('sent-anyway' → "Skickad ändå"). */
export function counterActionLabel(t: UiStrings, action: CounterAction): string {
  return {
    warned: t.outcomeWarned,
    blocked: t.outcomeBlocked,
    masked: t.outcomeMasked,
    'sent-anyway': t.outcomeSentAnyway,
    edited: t.outcomeEdited,
    logged: t.outcomeLogged,
    degraded: t.outcomeDegraded,
    'false-alarm': t.outcomeFalseAlarm,
  }[action];
}

/** A counter category ('none' belongs to degraded events only). */
export function counterCategoryLabel(t: UiStrings, category: CounterCategory): string {
  return {
    personnummer: t.categoryPersonnummer,
    samordningsnummer: t.categorySamordningsnummer,
    classified: t.categoryClassified,
    health: t.categoryHealth,
    ethnicity: t.categoryEthnicity,
    politics: t.categoryPolitics,
    religion: t.categoryReligion,
    union: t.categoryUnion,
    sexuality: t.categorySexuality,
    'genetic-biometric': t.categoryGeneticBiometric,
    criminal: t.categoryCriminal,
    'social-services': t.categorySocialServices,
    'protected-identity': t.categoryProtectedIdentity,
    email: t.categoryEmail,
    phone: t.categoryPhone,
    iban: t.categoryIban,
    'bank-account': t.categoryBankAccount,
    'payment-card': t.categoryPaymentCard,
    credential: t.categoryCredential,
    none: t.categoryNone,
  }[category];
}

/** A counter site label: the hostname, or "Övriga webbplatser" for 'other'. */
export function counterSiteLabel(t: UiStrings, site: string): string {
  return site === OTHER_SITE ? t.statsSiteOther : site;
}
