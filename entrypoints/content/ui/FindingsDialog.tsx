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
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EffectivePolicy } from '../../../lib/policy/effective';
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
  /** "Send anyway" asks for a justification first (policy: requireJustification). */
  requireJustification?: boolean;
  /** reminder mode: the files, and the organisation's reminder text if it has one. */
  files?: string[];
  reminder?: string;
  onEdit(): void;
  onMask?(): void;
  /** Receives the justification when one was asked for (it is not stored). */
  onProceed?(justification?: string): void;
}

const MAX_LISTED = 6;

/** Shortest justification accepted: a word or two, not a single key press. */
const MIN_JUSTIFICATION = 5;

export function FindingsDialog(props: FindingsDialogProps) {
  const t = IN_PAGE_STRINGS[props.language];
  const d = DIALOG_STRINGS[props.language];
  const dialogRef = useRef<HTMLDivElement>(null);
  const [justification, setJustification] = useState('');
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
  const justified = justification.trim().length >= MIN_JUSTIFICATION;

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
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], textarea') ?? [])];
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
                  <FindingItem key={g[0]!.rule} findings={g} language={props.language} catalogue={props.catalogue} linkLabel={t.guideline} />
                ))}
                {groups.length > MAX_LISTED && <li>{t.more(groups.length - MAX_LISTED)}</li>}
              </ul>
              {blocked && <p className="pv-note">{t.blockedNote}</p>}
            </>
          )}
          {props.message && (
            <p className="pv-note" role="status">
              {props.message}
            </p>
          )}
          {props.organisation?.policyUrl && (
            <p className="pv-org">
              <a href={props.organisation.policyUrl} target="_blank" rel="noopener noreferrer">
                {d.organisationPolicy(props.organisation.name)}
              </a>
              {props.organisation.contact && <> · {d.organisationContact(props.organisation.contact)}</>}
            </p>
          )}
          {needsJustification && (
            <div className="pv-justification">
              <label htmlFor="pv-justification">{d.justificationLabel}</label>
              <textarea
                id="pv-justification"
                rows={2}
                value={justification}
                aria-describedby="pv-justification-hint"
                onInput={(e) => setJustification((e.currentTarget as HTMLTextAreaElement).value)}
              />
              <span id="pv-justification-hint" className="pv-muted">
                {d.justificationHint}
              </span>
            </div>
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
              onClick={byUser(() => props.onProceed?.(needsJustification ? justification.trim() : undefined))}
              data-action="proceed"
              className="pv-secondary"
              disabled={needsJustification && !justified}
            >
              {proceedLabel}
            </button>
          )}
        </div>
      </div>
    </div>
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

function FindingItem(props: { findings: Finding[]; language: UiLanguage; catalogue: RuleCatalogue; linkLabel: string }) {
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
        <a href={guideline.url} target="_blank" rel="noopener noreferrer">
          {props.linkLabel}: {guideline.title[language]}
        </a>
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
