/** @jsxImportSource preact */
/**
 * The small indicator by the composer: Promptvakt is on here, it is checking,
 * or it has found something. Fixed-positioned in Promptvakt's shadow root, so
 * it never changes the page's layout, and it ignores the pointer so it never
 * covers the site's own controls. A polite live region: screen readers hear
 * when the state changes, not on every keystroke.
 */
import { DIALOG_STRINGS } from '../../../lib/i18n/dialog-strings';
import type { UiLanguage } from '../../../lib/i18n/language';

export type IndicatorState =
  | { kind: 'protected' }
  | { kind: 'monitor' }
  | { kind: 'checking' }
  | { kind: 'findings'; count: number; block: boolean };

export function Indicator(props: { state: IndicatorState; anchor: DOMRect; language: UiLanguage }) {
  const d = DIALOG_STRINGS[props.language];
  const { state, anchor } = props;
  const label =
    state.kind === 'protected'
      ? d.indicatorProtected
      : state.kind === 'monitor'
        ? d.indicatorMonitor
        : state.kind === 'checking'
          ? d.indicatorChecking
          : `Promptvakt: ${d.indicatorFindings(state.count)}`;
  const dataState = state.kind === 'findings' ? (state.block ? 'block' : 'findings') : state.kind;
  const top = Math.max(4, anchor.top - 26);
  const right = Math.max(4, window.innerWidth - anchor.right);
  return (
    <div className="pv-indicator" lang={props.language} data-promptvakt-indicator={dataState} data-state={dataState} style={{ top: `${top}px`, right: `${right}px` }}>
      <span className="pv-indicator-dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        {label}
      </span>
    </div>
  );
}
