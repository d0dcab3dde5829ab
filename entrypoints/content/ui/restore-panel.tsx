/** @jsxImportSource preact */
/**
 * A small panel in the page's corner while masked values are restored in the
 * AI's answers: says so, switches back to the placeholders, copies the latest
 * answer with the real values, and warns that the site's own copy button
 * copies the placeholders. Keyboard reachable; a polite live region.
 */
import { IN_PAGE_STRINGS } from '../../../lib/i18n/in-page-strings';
import type { UiLanguage } from '../../../lib/i18n/language';

export interface RestorePanelState {
  showingPlaceholders: boolean;
  /** The site's answers cannot be found where its adapter says (values may still be restored in the transcript region). */
  degraded: boolean;
  /** Some values were restored on this page. */
  restored: boolean;
  /** The latest copy: done, or failed (no answer, no clipboard). */
  copied?: 'done' | 'failed';
}

export interface RestorePanelActions {
  toggle(): void;
  copy(): void;
  close(): void;
}

export function RestorePanel(props: { state: RestorePanelState; language: UiLanguage } & RestorePanelActions) {
  const t = IN_PAGE_STRINGS[props.language];
  const { state } = props;
  const status = state.degraded ? t.restoreDegraded : state.showingPlaceholders ? t.restoreShowingPlaceholders : t.restoreActive;
  return (
    <section className="pv-restore" data-promptvakt-restore={state.degraded ? 'degraded' : state.showingPlaceholders ? 'placeholders' : 'restored'} aria-label={t.restoreTitle} lang={props.language}>
      <p role="status" aria-live="polite" className="pv-restore-status">
        {status}
        {state.copied === 'done' && <span> {t.restoreCopied}</span>}
        {state.copied === 'failed' && <span> {t.restoreCopyFailed}</span>}
      </p>
      {state.restored && (
        <div className="pv-actions pv-restore-actions">
          <button type="button" className="pv-secondary" aria-pressed={state.showingPlaceholders} onClick={props.toggle}>
            {t.restoreShowPlaceholders}
          </button>
          <button type="button" onClick={props.copy}>
            {t.restoreCopy}
          </button>
        </div>
      )}
      {state.restored && <p className="pv-restore-note">{t.restoreCopyNote}</p>}
      <button type="button" className="pv-restore-close" aria-label={t.restoreClose} onClick={props.close}>
        ×
      </button>
    </section>
  );
}
