/**
 * The warn/block dialog: what was found (masked), why it matters, the
 * guideline, and a way forward. An alertdialog with a focus trap; Escape
 * means "edit". Rendered in a shadow root so the page's CSS cannot reach it.
 */
import { useEffect, useRef } from 'react';
import { maskForDisplay } from '../lib/redaction/mask';
import type { RuleCatalogue } from '../lib/rules/catalogue';
import type { Finding, ScanResult } from '../lib/types';
import { UI_STRINGS, type UiLanguage } from './i18n';

export type DialogMode = 'send' | 'paste' | 'upload';

export interface FindingsDialogProps {
  result: ScanResult | null;
  mode: DialogMode;
  language: UiLanguage;
  catalogue: RuleCatalogue;
  /** Shown instead of findings when the check itself failed (fail closed). */
  failed?: boolean;
  message?: string;
  onEdit(): void;
  onMask?(): void;
  onProceed?(): void;
}

const MAX_LISTED = 6;

export function FindingsDialog(props: FindingsDialogProps) {
  const t = UI_STRINGS[props.language];
  const dialogRef = useRef<HTMLDivElement>(null);
  const blocked = props.failed || props.result?.decision === 'block';
  const titles = {
    send: [t.warnTitle, t.blockTitle],
    paste: [t.pasteWarnTitle, t.pasteBlockTitle],
    upload: [t.uploadWarnTitle, t.uploadBlockTitle],
  } as const;
  const title = props.failed ? t.errorTitle : titles[props.mode][blocked ? 1 : 0];
  const proceedLabel = { send: t.sendAnyway, paste: t.pasteAnyway, upload: t.uploadAnyway }[props.mode];

  useEffect(() => {
    const first = dialogRef.current?.querySelector<HTMLElement>('button');
    first?.focus();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onEdit();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('button, a[href]') ?? [])];
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

  const groups = groupByRule(props.result?.findings.filter((f) => f.action !== 'inform') ?? []);
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
        </div>
        <div className="pv-actions">
          <button type="button" onClick={props.onEdit} data-action="edit">
            {t.edit}
          </button>
          {props.onMask && !props.failed && (
            <button type="button" onClick={props.onMask} data-action="mask">
              {props.mode === 'paste' ? t.maskPaste : t.mask}
            </button>
          )}
          {props.onProceed && !blocked && (
            <button type="button" onClick={props.onProceed} data-action="proceed" className="pv-secondary">
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
      {guideline && (
        <a href={guideline.url} target="_blank" rel="noopener noreferrer">
          {props.linkLabel}: {guideline.title[language]}
        </a>
      )}
    </li>
  );
}
