/**
 * "Policy": the effective policy (organisation policy > the employee's
 * settings > built-in defaults). Where it comes from, any errors in the
 * organisation's policy, one row per category with its action (a select where
 * the employee may change it, else who decided), the organisation's own
 * rules and sites (with the button that grants access to pending sites), and
 * what happens when a check fails or a file cannot be read.
 */
import { Fragment, useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { DEFAULT_POLICY } from '../lib/policy/default-policy';
import { employeeChoices, employeeFloor, lowersDefault } from '../lib/policy/protection-floor';
import { matchPatternFor, policyErrors, type CategorySettings, type EffectivePolicy } from '../lib/policy/effective';
import type { CustomRule, PolicyAction } from '../lib/policy/schema';
import { builtInCatalogue, type RuleCatalogue } from '../lib/rules/catalogue';
import { ACTION_RANK, ACTIONS, CATEGORIES, type Action, type Category } from '../lib/types';
import { saveUserSettings } from '../platform/policy-store';
import { UI_STRINGS, type UiStrings } from '../lib/i18n/ui-strings';
import { fill, type UiLanguage } from '../lib/i18n/language';
import { actionHelp, actionLabel, policyActionClass, policyActionLabel, policySourceText, siteModeLabel } from './labels';
import { displaySitePattern, grantStateText, PolicyTechnicalDetails, policyErrorsSentence, type GrantState } from './PopupSlots';
import { requestSiteAccess } from './usePolicy';
import { NewTabLink } from './NewTabLink';

const RANK: Record<Action, number> = { block: 0, warn: 1, log: 2, off: 3 };
const isTestNumberRule = (id: string) => id.endsWith('.official-test-number');

export interface PolicyRow {
  /** Category id, or 'official-test-numbers'. */
  id: Category | 'official-test-numbers';
  titles: string[];
  action: PolicyAction;
  /** Category rows only. */
  settings?: CategorySettings;
}

/**
 * Table rows: in the order of the built-in defaults' strictness (so a row
 * never moves while the employee changes its action), then category order;
 * the test-number row last.
 */
export function policyRows(policy: EffectivePolicy, catalogue: RuleCatalogue, language: UiLanguage): PolicyRow[] {
  const rules = [...catalogue.rules.values()];
  const rows: PolicyRow[] = CATEGORIES.map((category) => {
    const titles = rules.filter((r) => r.category === category && !isTestNumberRule(r.id)).map((r) => r.title[language]);
    const settings = policy.categories[category];
    return { id: category, titles: titles.length ? titles : [category], action: settings.action, settings };
  });
  const rank = (row: PolicyRow) => RANK[DEFAULT_POLICY.categories[row.id as Category]];
  rows.sort((a, b) => rank(a) - rank(b));
  rows.push({
    id: 'official-test-numbers',
    titles: rules.filter((r) => isTestNumberRule(r.id)).map((r) => r.title[language]),
    action: policy.officialTestNumbers,
  });
  return rows;
}

/** Who decides a category: the employee may change it only if the organisation neither sets nor locks it. */
export function categoryControl(policy: EffectivePolicy, category: Category): 'editable' | 'set-by-organisation' | 'locked' {
  if (policy.categories[category].setBy === 'organisation') return 'set-by-organisation';
  if (policy.locked.includes('categories')) return 'locked';
  return 'editable';
}

function overrideText(t: UiStrings, settings: CategorySettings): string {
  if (!settings.allowOverride) return t.overrideNotAllowed;
  return settings.requireJustification ? t.overrideWithJustification : t.overrideAllowed;
}

type SaveState = 'idle' | 'saved' | 'failed' | 'cancelled';

export function OptionsPolicy(props: { language: UiLanguage; policy: EffectivePolicy; pendingSites: readonly string[] }) {
  const { language, policy } = props;
  const t = UI_STRINGS[language];
  const rows = policyRows(policy, builtInCatalogue(), language);
  const [chosen, setChosen] = useState<Partial<Record<Category, PolicyAction>>>({});
  const [saveState, setSaveState] = useState<SaveState>('idle');
  /** A step below the built-in default waits here until the employee confirms it. */
  const [confirming, setConfirming] = useState<{ category: Category; action: PolicyAction } | null>(null);
  const ids = useId();
  const editHintId = `${ids}-edit-hint`;
  const actionColumnId = `${ids}-action-col`;

  // A new effective policy replaces what was chosen here (it includes the change, or the organisation overruled it).
  useEffect(() => setChosen({}), [policy]);

  // After a confirmation closes, the keyboard goes back to the row's select, not to the top of the page.
  const refocus = (category: Category) =>
    setTimeout(() => document.querySelector<HTMLSelectElement>(`tr[data-category="${category}"] select`)?.focus(), 0);

  const save = (category: Category, action: PolicyAction) => {
    if (confirming) refocus(category);
    setConfirming(null);
    setChosen((c) => ({ ...c, [category]: action }));
    saveUserSettings({ categories: { [category]: action } }).then(
      () => setSaveState('saved'),
      () => setSaveState('failed'),
    );
  };

  // Lowering a category below its default is never a slip of the keyboard: it asks first.
  const change = (category: Category, current: PolicyAction) => (e: ChangeEvent<HTMLSelectElement>) => {
    const action = e.target.value as PolicyAction;
    if (lowersDefault(category, action) && ACTION_RANK[action] < ACTION_RANK[current]) {
      setSaveState('idle');
      setConfirming({ category, action });
      return;
    }
    save(category, action);
  };

  const anyEditable = CATEGORIES.some((c) => categoryControl(policy, c) === 'editable');
  const shownAction = (row: PolicyRow): PolicyAction => (row.id !== 'official-test-numbers' && chosen[row.id]) || row.action;

  return (
    <div className="pv-policy">
      <h2>{t.policyHeading}</h2>
      <PolicySource policy={policy} t={t} />
      {!policy.enabled && (
        <section className="pv-notice" data-policy-enabled="false">
          <strong>{t.protectionOffTitle}</strong>
          <p>{t.protectionOffBody}</p>
        </section>
      )}
      <PolicyErrors policy={policy} t={t} />

      <p>{t.policyIntro}</p>
      {policy.locked.includes('categories') ? (
        <p className="pv-muted" data-categories-locked="true">
          {t.categoriesLockedNote}
        </p>
      ) : (
        anyEditable && (
          <p id={editHintId} className="pv-muted">
            {t.categoryEditHint}
          </p>
        )
      )}
      <div className="pv-table-wrap">
        <table className="pv-table">
          <thead>
            <tr>
              <th scope="col">{t.policyColumnWhat}</th>
              <th scope="col" id={actionColumnId}>
                {t.policyColumnAction}
              </th>
              <th scope="col">{t.policyColumnCategory}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const action = shownAction(row);
              const rowHeadId = `${ids}-row-${row.id}`;
              const control = row.id === 'official-test-numbers' ? 'fixed' : categoryControl(policy, row.id);
              const floorId = `${ids}-floor-${row.id}`;
              const floored = row.id !== 'official-test-numbers' && employeeFloor(row.id) !== 'off';
              return (
                <Fragment key={row.id}>
                <tr data-category={row.id} data-action={action} data-control={control}>
                  <th scope="row" id={rowHeadId}>
                    {row.id === 'official-test-numbers' ? (
                      <>
                        {t.policyTestNumbers}
                        <span className="pv-muted pv-block">{row.titles.join(', ')}</span>
                      </>
                    ) : (
                      row.titles.join(', ')
                    )}
                  </th>
                  <td>
                    {control === 'editable' && row.id !== 'official-test-numbers' ? (
                      <select
                        className="pv-select"
                        value={action}
                        aria-labelledby={`${rowHeadId} ${actionColumnId}`}
                        aria-describedby={floored ? `${editHintId} ${floorId}` : editHintId}
                        onChange={change(row.id, action)}
                      >
                        {employeeChoices(row.id).map((a) => (
                          <option key={a} value={a}>
                            {policyActionLabel(t, a)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className={`pv-badge pv-badge--${policyActionClass(action)}`}>{policyActionLabel(t, action)}</span>
                    )}
                    {control === 'set-by-organisation' && <span className="pv-muted pv-block">{t.setByOrganisation}</span>}
                    {control === 'locked' && <span className="pv-muted pv-block">{t.lockedByOrganisation}</span>}
                    {control === 'editable' && row.settings?.setBy === 'user' && row.id !== 'official-test-numbers' && (
                      <span className="pv-muted pv-block">
                        {fill(t.setByUser, { action: policyActionLabel(t, DEFAULT_POLICY.categories[row.id]) })}
                      </span>
                    )}
                    {control === 'editable' && floored && (
                      <span id={floorId} className="pv-muted pv-block" data-floor={employeeFloor(row.id as Category)}>
                        {t.floorNote}
                      </span>
                    )}
                    {action === 'warn' && row.settings && <span className="pv-block">{overrideText(t, row.settings)}</span>}
                  </td>
                  <td>
                    <code>{row.id}</code>
                  </td>
                </tr>
                {confirming?.category === row.id && (
                  <tr data-confirm-lower={row.id}>
                    <td colSpan={3}>
                      <LowerConfirmation
                        t={t}
                        what={row.titles.join(', ')}
                        from={policyActionLabel(t, action)}
                        to={policyActionLabel(t, confirming.action)}
                        onConfirm={() => save(confirming.category, confirming.action)}
                        onCancel={() => {
                          refocus(confirming.category);
                          setConfirming(null);
                          setSaveState('cancelled');
                        }}
                      />
                    </td>
                  </tr>
                )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <p role="status" className="pv-muted pv-live">
        {saveState === 'saved' ? t.settingSaved : saveState === 'failed' ? t.settingSaveFailed : saveState === 'cancelled' ? t.lowerCancelled : ''}
      </p>

      <h3>{t.policyActionsHeading}</h3>
      <dl className="pv-legend">
        {ACTIONS.filter((a) => rows.some((r) => shownAction(r) === a))
          .sort((a, b) => RANK[a] - RANK[b])
          .map((action) => (
            <div key={action}>
              <dt>
                <span className={`pv-badge pv-badge--${action}`}>{actionLabel(t, action)}</span>
              </dt>
              <dd>{actionHelp(t, action)}</dd>
            </div>
          ))}
      </dl>

      <CustomRules policy={policy} t={t} />
      <OrganisationSites policy={policy} pendingSites={props.pendingSites} t={t} />
      <OtherSettings policy={policy} t={t} language={language} />
    </div>
  );
}

/**
 * "Lower the protection?": shown under the row, focused at once; Escape or
 * "Cancel" keeps the current action, and the select keeps showing it meanwhile.
 */
function LowerConfirmation(props: { t: UiStrings; what: string; from: string; to: string; onConfirm(): void; onCancel(): void }) {
  const { t } = props;
  const headingId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="pv-notice"
      role="alertdialog"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <h4 id={headingId}>{t.lowerConfirmTitle}</h4>
      <p id={bodyId}>{fill(t.lowerConfirmBody, { what: props.what, from: props.from, to: props.to })}</p>
      <div className="pv-actions">
        <button type="button" className="pv-button" ref={cancelRef} onClick={props.onCancel} data-action="cancel">
          {t.cancel}
        </button>
        <button type="button" className="pv-button" onClick={props.onConfirm} data-action="lower">
          {t.lowerConfirm}
        </button>
      </div>
    </div>
  );
}

function PolicySource(props: { policy: EffectivePolicy; t: UiStrings }) {
  const { policy, t } = props;
  const org = policy.organisation;
  return (
    <dl className="pv-facts pv-facts--stacked">
      <div>
        <dt>{t.policySource}</dt>
        <dd data-policy-source={policy.source}>{policySourceText(t, policy)}</dd>
      </div>
      {org?.contact && (
        <div>
          <dt>{t.organisationContact}</dt>
          <dd data-organisation-contact="true">{org.contact}</dd>
        </div>
      )}
      {org?.policyUrl && (
        <div>
          <dt>{t.organisationPolicyLink}</dt>
          <dd>
            <NewTabLink href={org.policyUrl} hint={t.newTabHint}>
              {org.policyUrl}
            </NewTabLink>
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * The organisation policy's errors: the plain sentence every employee sees
 * (as in the popup), the contact, and the technical list for IT behind a
 * disclosure (PolicyTechnicalDetails), every error in it.
 */
function PolicyErrors(props: { policy: EffectivePolicy; t: UiStrings }) {
  const { policy, t } = props;
  const headingId = useId();
  if (!policy.diagnostics.length) return null;
  if (!policyErrors(policy.diagnostics).length) {
    // Only warnings: everything applies; IT finds what will never fire as written.
    return (
      <section className="pv-notice" aria-labelledby={headingId} data-policy-warnings="true">
        <h3 id={headingId}>{t.policyWarningsTitle}</h3>
        <p>{t.policyWarningsBody}</p>
        <PolicyTechnicalDetails diagnostics={policy.diagnostics} t={t} />
      </section>
    );
  }
  return (
    <section className="pv-alert" role="alert" aria-labelledby={headingId} data-policy-errors="true">
      <h3 id={headingId}>{t.policyErrorsTitle}</h3>
      <p>{policyErrorsSentence(t, policy.organisation?.contact)}</p>
      <PolicyTechnicalDetails diagnostics={policy.diagnostics} t={t} />
    </section>
  );
}

function customRuleAction(t: UiStrings, policy: EffectivePolicy, rule: CustomRule): { text: string; action: PolicyAction } {
  if (rule.action) return { text: policyActionLabel(t, rule.action), action: rule.action };
  const action = policy.categories[rule.category].action;
  return { text: fill(t.customRuleActionFromCategory, { action: policyActionLabel(t, action) }), action };
}

function CustomRules(props: { policy: EffectivePolicy; t: UiStrings }) {
  const { policy, t } = props;
  const headingId = useId();
  if (!policy.customRules.length) return null;
  return (
    <section aria-labelledby={headingId} data-custom-rules="true">
      <h3 id={headingId}>{t.customRulesHeading}</h3>
      <div className="pv-table-wrap">
        <table className="pv-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t.customRulesColumnId}</th>
              <th scope="col">{t.customRulesColumnKind}</th>
              <th scope="col">{t.policyColumnCategory}</th>
              <th scope="col">{t.policyColumnAction}</th>
            </tr>
          </thead>
          <tbody>
            {policy.customRules.map((rule) => {
              const { text, action } = customRuleAction(t, policy, rule);
              return (
                <tr key={rule.id} data-custom-rule={rule.id}>
                  <th scope="row">
                    <code>{rule.id}</code>
                  </th>
                  <td>{rule.kind === 'regex' ? t.customRuleRegex : t.customRuleKeywords}</td>
                  <td>
                    <code>{rule.category}</code>
                  </td>
                  <td>
                    <span className={`pv-badge pv-badge--${policyActionClass(action)}`}>{text}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OrganisationSites(props: { policy: EffectivePolicy; pendingSites: readonly string[]; t: UiStrings }) {
  const { policy, t } = props;
  const headingId = useId();
  const [grant, setGrant] = useState<GrantState>('idle');
  // Pending patterns the policy's site list does not explain (should not happen) are listed too.
  const listed = new Set(policy.sites.map((s) => matchPatternFor(s.pattern)));
  const extraPending = props.pendingSites.filter((p) => !listed.has(p));
  if (!policy.sites.length && !props.pendingSites.length && grant === 'idle') return null;

  const onGrantAccess = () => {
    setGrant('idle');
    // Straight from the click: permission requests need the user's gesture.
    requestSiteAccess(props.pendingSites).then(
      (granted) => setGrant(granted ? 'granted' : 'denied'),
      () => setGrant('failed'),
    );
  };

  const statusOf = (pattern: string, mode: string) =>
    !policy.enabled || mode === 'off' ? 'off' : props.pendingSites.includes(matchPatternFor(pattern)) ? 'pending' : 'active';

  return (
    <section aria-labelledby={headingId} data-organisation-sites="true">
      <h3 id={headingId}>{t.sitesHeading}</h3>
      <p className="pv-muted">{t.sitesIntro}</p>
      <div className="pv-table-wrap">
        <table className="pv-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t.sitesColumnSite}</th>
              <th scope="col">{t.sitesColumnMode}</th>
              <th scope="col">{t.sitesColumnStatus}</th>
            </tr>
          </thead>
          <tbody>
            {policy.sites.map((site) => {
              const status = statusOf(site.pattern, site.mode);
              return (
                <tr key={site.pattern} data-site={site.pattern} data-site-status={status}>
                  <th scope="row">
                    <code>{site.pattern}</code>
                  </th>
                  <td>{siteModeLabel(t, site.mode)}</td>
                  <td>
                    {status === 'pending' ? (
                      <strong>{t.siteStatusPending}</strong>
                    ) : status === 'off' ? (
                      t.siteStatusOff
                    ) : (
                      t.siteStatusActive
                    )}
                  </td>
                </tr>
              );
            })}
            {extraPending.map((p) => (
              <tr key={p} data-site={p} data-site-status="pending">
                <th scope="row">
                  <code>{displaySitePattern(p)}</code>
                </th>
                <td>–</td>
                <td>
                  <strong>{t.siteStatusPending}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.pendingSites.length > 0 && (
        <div className="pv-notice" data-pending-sites="true">
          <p>
            <strong>{t.pendingSitesTitle(props.pendingSites.length)}</strong>
          </p>
          <p>{t.pendingSitesBody}</p>
          <button type="button" className="pv-button" onClick={onGrantAccess}>
            {t.grantAccess}
          </button>
        </div>
      )}
      <p role="status" className="pv-live">
        {grantStateText(t, grant)}
      </p>
    </section>
  );
}

function OtherSettings(props: { policy: EffectivePolicy; t: UiStrings; language: UiLanguage }) {
  const { policy, t, language } = props;
  const headingId = useId();
  const reminder = policy.uploads.reminder;
  const reminderText = reminder?.[language] ?? reminder?.[language === 'sv' ? 'en' : 'sv'];
  const uploads = { off: t.uploadsOff, remind: t.uploadsRemind, confirm: t.uploadsConfirm }[policy.uploads.otherFiles];
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t.otherPolicyHeading}</h3>
      <dl className="pv-facts pv-facts--stacked">
        <div data-failure-mode={policy.failureMode}>
          <dt>{t.failureModeLabel}</dt>
          <dd>{policy.failureMode === 'allow' ? t.failureModeAllow : t.failureModeBlock}</dd>
        </div>
        <div data-uploads={policy.uploads.otherFiles}>
          <dt>{t.uploadsLabel}</dt>
          <dd>{uploads}</dd>
        </div>
        {reminderText && policy.uploads.otherFiles !== 'off' && (
          <div>
            <dt>{t.uploadsReminderText}</dt>
            <dd>{reminderText}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
