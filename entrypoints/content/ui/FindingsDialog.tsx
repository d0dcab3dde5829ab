/** @jsxImportSource preact */
/**
 * The warn/block dialog: what was found (masked), why it matters, the
 * guideline, and a way forward. An alertdialog with a focus trap; Escape
 * means "edit". Rendered in a shadow root so the page's CSS cannot reach it.
 *
 * Preact, not React: this is the content script's only UI, and Preact keeps
 * the script that loads on every AI-site page ~150 KB smaller. The extension
 * pages (popup, options) use React.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EffectivePolicy } from '../../../lib/policy/effective';
import { MIN_JUSTIFICATION_CHARS, OFFERED_REASONS, type JustificationReason } from '../../../lib/policy/justification';
import { maskForDisplay } from '../../../lib/redaction/mask';
import { markingPlaceSentence } from '../../../lib/report/marking-places';
import type { RuleCatalogue } from '../../../lib/rules/catalogue';
import type { Finding, ScanResult } from '../../../lib/types';
import { DIALOG_STRINGS } from '../../../lib/i18n/dialog-strings';
import { IN_PAGE_STRINGS } from '../../../lib/i18n/in-page-strings';
import type { UiLanguage } from '../../../lib/i18n/language';

/** send/paste/upload: findings; reminder: a file Promptvakt cannot read. */
export type DialogMode = 'send' | 'paste' | 'upload' | 'reminder';

export interface FindingsDialogProps {
  result: ScanResult | null;
  mode: DialogMode;
  language: UiLanguage;
  catalogue: RuleCatalogue;
  /** Shown instead of findings when the check itself failed (fail closed). */
  failed?: boolean;
  message?: string;
  /** The organisation behind the policy: its own guideline is linked. */
  organisation?: EffectivePolicy['organisation'];
  /** Which policy decided: with the built-in defaults the dialog never speaks of "the organisation's rules". */
  policySource?: EffectivePolicy['source'];
  /** The organisation's approved AI services: "Use <name> instead". */
  approvedTools?: EffectivePolicy['approvedTools'];
  /** "Send anyway" asks for a reason first (policy: requireJustification). */
  requireJustification?: boolean;
  /** A false alarm was reported and the policy does not let this prompt through: say so. */
  falseAlarmReported?: boolean;
  /** reminder mode: the files, and the organisation's reminder text if it has one. */
  files?: string[];
  reminder?: string;
  onEdit(): void;
  onMask?(): void;
  /** Receives the chosen reason when one was asked for; the employee's own words never leave the dialog. */
  onProceed?(reason?: JustificationReason): void;
  /** "This is wrong": report a false alarm (counted anonymously by rule). */
  onFalseAlarm?(): void;
}

const MAX_LISTED = 6;

export function FindingsDialog(props: FindingsDialogProps) {
  const t = IN_PAGE_STRINGS[props.language];
  const d = DIALOG_STRINGS[props.language];
  const dialogRef = useRef<HTMLDivElement>(null);
  const [justification, setJustification] = useState('');
  const [reason, setReason] = useState<JustificationReason | null>(null);
  const reminder = props.mode === 'reminder';
  const blocked = !reminder && (props.failed || props.result?.decision === 'block');
  const titles = {
    send: [t.warnTitle, t.blockTitle],
    paste: [t.pasteWarnTitle, t.pasteBlockTitle],
    upload: [t.uploadWarnTitle, t.uploadBlockTitle],
    reminder: [d.reminderTitle, d.reminderTitle],
  } as const;
  const title = props.failed ? t.errorTitle : titles[props.mode][blocked ? 1 : 0];
  const proceedLabel = { send: t.sendAnyway, paste: t.pasteAnyway, upload: t.uploadAnyway, reminder: t.uploadAnyway }[props.mode];
  const needsJustification = !!props.requireJustification && !!props.onProceed && !blocked;
  const typed = justification.trim().length;
  const justified = reason !== null && (reason !== 'other' || typed >= MIN_JUSTIFICATION_CHARS);
  const tools = !reminder && !props.failed ? (props.approvedTools ?? []) : [];

  // Focus moves into the dialog as it appears (before it is painted), so a key pressed at once — Escape, Enter — is the dialog's.
  useLayoutEffect(() => {
    const first = dialogRef.current?.querySelector<HTMLElement>('button');
    first?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onEdit();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], textarea, input') ?? [])];
    if (!focusable.length) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const active = (dialogRef.current?.getRootNode() as ShadowRoot | Document).activeElement;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const groups = groupByRule(props.result?.findings.filter((f) => f.action !== 'log') ?? []);
  return (
    <div className="pv-backdrop">
      <div
        ref={dialogRef}
        className={`pv-dialog ${blocked ? 'pv-block' : 'pv-warn'}`}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="pv-title"
        aria-describedby="pv-body"
        onKeyDown={onKeyDown}
        data-promptvakt-dialog={blocked ? 'block' : 'warn'}
        lang={props.language}
      >
        <h2 id="pv-title">{title}</h2>
        <div id="pv-body">
          {props.failed ? (
            <p>{t.errorBody}</p>
          ) : reminder ? (
            <>
              <p>{props.reminder ?? d.reminderBody}</p>
              {props.files?.length ? <p className="pv-muted">{d.reminderFiles(props.files.join(', '))}</p> : null}
            </>
          ) : (
            <>
              <p>{t.intro}</p>
              <ul className="pv-findings">
                {groups.slice(0, MAX_LISTED).map((g) => (
                  <FindingItem key={g[0]!.rule} findings={g} language={props.language} catalogue={props.catalogue} linkLabel={t.guideline} newTab={d.newTab} />
                ))}
                {groups.length > MAX_LISTED && <li>{t.more(groups.length - MAX_LISTED)}</li>}
              </ul>
              {blocked && <p className="pv-note">{props.policySource === 'organisation' ? t.blockedNote : t.blockedNoteBuiltIn}</p>}
            </>
          )}
          {props.message && (
            <p className="pv-note" role="status">
              {props.message}
            </p>
          )}
          {props.falseAlarmReported && (
            <p className="pv-note" role="status" data-false-alarm="reported">
              {d.falseAlarmReported}
            </p>
          )}
          {tools.length > 0 && (
            <ul className="pv-tools" data-approved-tools={tools.length}>
              {tools.map((tool) => (
                <li key={tool.url}>
                  <NewTabLink href={tool.url} hint={d.newTab}>
                    {d.useInstead(tool.name)}
                  </NewTabLink>
                  {tool.description && <span className="pv-muted"> {tool.description[props.language] ?? tool.description.sv ?? tool.description.en}</span>}
                </li>
              ))}
            </ul>
          )}
          {props.organisation?.policyUrl && (
            <p className="pv-org">
              <NewTabLink href={props.organisation.policyUrl} hint={d.newTab}>
                {d.organisationPolicy(props.organisation.name)}
              </NewTabLink>
              {props.organisation.contact && <> · {d.organisationContact(props.organisation.contact)}</>}
            </p>
          )}
          {needsJustification && (
            <fieldset className="pv-justification" aria-describedby="pv-justification-hint">
              <legend>{d.justificationLegend}</legend>
              {OFFERED_REASONS.map((r) => (
                <label key={r} className="pv-reason">
                  <input type="radio" name="pv-reason" value={r} checked={reason === r} onChange={() => setReason(r)} data-reason={r} />
                  {d.reasons[r]}
                </label>
              ))}
              <label htmlFor="pv-justification">{d.justificationLabel}</label>
              <textarea
                id="pv-justification"
                rows={2}
                value={justification}
                aria-describedby="pv-justification-length"
                onInput={(e) => setJustification((e.currentTarget as HTMLTextAreaElement).value)}
              />
              <span id="pv-justification-length" className={reason === 'other' && typed < MIN_JUSTIFICATION_CHARS ? 'pv-note' : 'pv-muted'}>
                {d.justificationLength(MIN_JUSTIFICATION_CHARS, Math.min(typed, MIN_JUSTIFICATION_CHARS))}
              </span>
              <span id="pv-justification-hint" className="pv-muted">
                {d.justificationHint}
              </span>
            </fieldset>
          )}
        </div>
        <div className="pv-actions">
          <button type="button" onClick={props.onEdit} data-action="edit">
            {reminder ? (props.onProceed ? d.cancel : d.understood) : t.edit}
          </button>
          {props.onMask && !props.failed && !reminder && (
            <button type="button" onClick={byUser(props.onMask)} data-action="mask">
              {props.mode === 'paste' ? t.maskPaste : t.mask}
            </button>
          )}
          {props.onProceed && !blocked && (
            <button
              type="button"
              onClick={byUser(() => props.onProceed?.(needsJustification && reason ? reason : undefined))}
              data-action="proceed"
              className="pv-secondary"
              disabled={needsJustification && !justified}
              aria-describedby={needsJustification ? 'pv-justification-length' : undefined}
            >
              {proceedLabel}
            </button>
          )}
          {props.onFalseAlarm && !props.failed && !reminder && (
            <button type="button" onClick={byUser(props.onFalseAlarm)} data-action="false-alarm" className="pv-secondary" aria-describedby="pv-false-alarm-hint">
              {d.falseAlarm}
            </button>
          )}
        </div>
        {props.onFalseAlarm && !props.failed && !reminder && (
          <p id="pv-false-alarm-hint" className="pv-muted pv-small">
            {d.falseAlarmHint}
          </p>
        )}
      </div>
    </div>
  );
}

/** A link that opens a new tab and says so: an arrow for the eye, words for screen readers. No opener, no referrer. */
function NewTabLink(props: { href: string; hint: string; children: ComponentChildren }) {
  return (
    <a href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
      <span aria-hidden="true"> ↗</span>
      <span className="pv-visually-hidden"> {props.hint}</span>
    </a>
  );
}

/** One entry per rule: the reason is said once, with every distinct (masked) excerpt. */
function groupByRule(findings: Finding[]): Finding[][] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = byRule.get(f.rule);
    if (group) group.push(f);
    else byRule.set(f.rule, [f]);
  }
  return [...byRule.values()];
}

function FindingItem(props: { findings: Finding[]; language: UiLanguage; catalogue: RuleCatalogue; linkLabel: string; newTab: string }) {
  const { findings, language, catalogue } = props;
  const first = findings[0]!;
  const rule = catalogue.rules.get(first.rule);
  const guideline = rule?.guidelines.map((id) => catalogue.guidelines.get(id)).find(Boolean);
  const excerpts = [...new Set(findings.map((f) => maskForDisplay(f.category, f.text)))];
  const places = [...new Set(findings.flatMap((f) => (f.where ? [f.where] : [])))];
  return (
    <li data-category={first.category}>
      <strong>{rule?.title[language] ?? first.category}</strong>{' '}
      {excerpts.map((excerpt, i) => (
        <span key={excerpt}>
          {i > 0 && ', '}
          <code>{excerpt}</code>
        </span>
      ))}
      {rule && <div>{rule.reason[language]}</div>}
      {places.length > 0 && <div className="pv-where">{places.map((where) => markingPlaceSentence(where, language)).join(' ')}</div>}
      {guideline && (
        <NewTabLink href={guideline.url} hint={props.newTab}>
          {props.linkLabel}: {guideline.title[language]}
        </NewTabLink>
      )}
    </li>
  );
}

/**
 * The actions that send: only a real click or key press (isTrusted), never a
 * page script's synthetic click on the dialog's button.
 */
function byUser(action: () => void): (e: { isTrusted: boolean }) => void {
  return (e) => {
    if (e.isTrusted) action();
  };
}
