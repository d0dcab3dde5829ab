/**
 * "Prova" / "Try it": paste or type text and see what Promptvakt would do on
 * a fully protected site, with the same engine and the effective policy
 * (the organisation's rules included) as the content script. The text is rendered
 * as text nodes with <mark> around findings (never as HTML) and is never
 * stored or sent.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { builtInEffectivePolicy } from '../lib/policy/built-in-effective';
import type { EffectivePolicy } from '../lib/policy/effective';
import { scanOptionsFor } from '../lib/policy/scan-options';
import { re2Engine } from '../lib/policy/regex-engine';
import { maskForDisplay } from '../lib/redaction/mask';
import type { RuleCatalogue } from '../lib/rules/catalogue';
import { scan } from '../lib/scan';
import type { Finding, ScanResult } from '../lib/types';
import { highlightRuns, strongestAction } from './highlight';
import { UI_STRINGS, type UiStrings } from '../lib/i18n/ui-strings';
import type { UiLanguage } from '../lib/i18n/language';
import { actionLabel, decisionLabel, decisionText } from './labels';
import { NewTabLink } from './NewTabLink';

/** Delay after the last keystroke before the text is scanned. */
export const SCAN_DEBOUNCE_MS = 150;
/** Findings listed in full; the rest are counted. */
const MAX_LISTED = 50;

type Outcome = { result: ScanResult; text: string; catalogue: RuleCatalogue } | { failed: true } | null;

export function OptionsTry(props: { language: UiLanguage; policy?: EffectivePolicy }) {
  const t = UI_STRINGS[props.language];
  const policy = props.policy;
  const engine = useMemo(() => {
    const p = policy ?? builtInEffectivePolicy();
    return scanOptionsFor(p, { mode: 'block', regex: re2Engine });
  }, [policy]);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    if (!text.trim()) {
      setOutcome(null);
      return;
    }
    const timer = setTimeout(() => {
      try {
        setOutcome({ result: scan(text, engine), text, catalogue: engine.catalogue });
      } catch {
        setOutcome({ failed: true });
      }
    }, SCAN_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, engine]);

  return (
    <div className="pv-try">
      <div className="pv-field">
        <label htmlFor={inputId}>{t.tryLabel}</label>
        <p id={hintId} className="pv-muted">
          {t.tryHint}
        </p>
        <textarea
          id={inputId}
          aria-describedby={hintId}
          rows={8}
          value={text}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <TryResult outcome={outcome} t={t} language={props.language} />
    </div>
  );
}

function TryResult(props: { outcome: Outcome; t: UiStrings; language: UiLanguage }) {
  const { outcome, t, language } = props;
  // The live region stays in the DOM so screen readers announce each new result.
  if (!outcome || 'failed' in outcome) {
    return (
      <div className="pv-result">
        <p role="status" className="pv-decision" data-decision={outcome ? 'error' : 'none'}>
          {outcome ? t.tryFailed : t.tryEmpty}
        </p>
      </div>
    );
  }
  const { result, text, catalogue } = outcome;
  return (
    <div className="pv-result">
      <p role="status" className={`pv-decision pv-decision--${result.decision}`} data-decision={result.decision}>
        <span className="pv-decision__label">{t.decisionLabel}: </span>
        <strong className="pv-decision__word">{decisionLabel(t, result.decision)}</strong>
        <span className="pv-decision__text"> {decisionText(t, result.decision)}</span>
      </p>

      {result.findings.length > 0 && (
        <section aria-labelledby="pv-highlighted-heading">
          <h2 id="pv-highlighted-heading" className="pv-subheading">{t.highlightedHeading}</h2>
          <HighlightedText text={text} findings={result.findings} catalogue={catalogue} language={language} />
        </section>
      )}

      <section aria-labelledby="pv-findings-heading">
        <h2 id="pv-findings-heading" className="pv-subheading">
          {t.findingsHeading} <span className="pv-muted">({t.findingsCount(result.findings.length)})</span>
        </h2>
        {result.findings.length === 0 ? (
          <p>{t.noFindings}</p>
        ) : (
          <ol className="pv-finding-list">
            {result.findings.slice(0, MAX_LISTED).map((f, i) => (
              <FindingEntry key={`${f.start}-${f.end}-${f.rule}-${i}`} finding={f} catalogue={catalogue} language={language} t={t} />
            ))}
            {result.findings.length > MAX_LISTED && <li className="pv-muted">{t.more(result.findings.length - MAX_LISTED)}</li>}
          </ol>
        )}
      </section>
    </div>
  );
}

function ruleTitle(f: Finding, catalogue: RuleCatalogue, language: UiLanguage): string {
  return catalogue.rules.get(f.rule)?.title[language] ?? f.category;
}

function HighlightedText(props: { text: string; findings: readonly Finding[]; catalogue: RuleCatalogue; language: UiLanguage }) {
  const runs = highlightRuns(props.text, props.findings);
  return (
    <div className="pv-highlighted" data-testid="highlighted-text">
      {runs.map((run) =>
        run.findings.length === 0 ? (
          <span key={run.start}>{run.text}</span>
        ) : (
          <span key={run.start}>
            <mark className={`pv-mark pv-mark--${strongestAction(run.findings)}`} data-categories={[...new Set(run.findings.map((f) => f.category))].join(' ')}>
              {run.text}
            </mark>
            <span className="pv-visually-hidden">
              {' '}
              ({[...new Set(run.findings.map((f) => ruleTitle(f, props.catalogue, props.language)))].join(', ')})
            </span>
          </span>
        ),
      )}
    </div>
  );
}

function FindingEntry(props: { finding: Finding; catalogue: RuleCatalogue; language: UiLanguage; t: UiStrings }) {
  const { finding, catalogue, language, t } = props;
  const rule = catalogue.rules.get(finding.rule);
  const guideline = rule?.guidelines.map((id) => catalogue.guidelines.get(id)).find((g) => g !== undefined);
  return (
    <li className="pv-finding" data-category={finding.category} data-action={finding.action}>
      <p className="pv-finding__head">
        <strong>{rule?.title[language] ?? finding.category}</strong>{' '}
        <span className={`pv-badge pv-badge--${finding.action}`}>{actionLabel(t, finding.action)}</span>
      </p>
      <p>
        <span className="pv-muted">{t.excerptLabel}: </span>
        <code>{maskForDisplay(finding.category, finding.text)}</code>
      </p>
      {rule && <p>{rule.reason[language]}</p>}
      {guideline && (
        <p>
          <NewTabLink href={guideline.url} hint={t.newTabHint}>
            {t.guideline}: {guideline.title[language]}
          </NewTabLink>
        </p>
      )}
    </li>
  );
}
