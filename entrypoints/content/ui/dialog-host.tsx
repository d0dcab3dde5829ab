/** @jsxImportSource preact */
/**
 * Hosts the findings dialog and the indicator by the composer in one shadow
 * root (isolated from the page's CSS and layout), created on first use.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { FindingsDialog } from './FindingsDialog';
import { IN_PAGE_STRINGS } from '../../../lib/i18n/in-page-strings';
import type { UiLanguage } from '../../../lib/i18n/language';
import type { EffectivePolicy } from '../../../lib/policy/effective';
import type { RuleCatalogue } from '../../../lib/rules/catalogue';
import type { DialogPresenter, DialogRequest } from './dialog-types';
import { Indicator, type IndicatorState } from './indicator';
import { RestorePanel, type RestorePanelActions, type RestorePanelState } from './restore-panel';


export interface DialogContext {
  catalogue(): RuleCatalogue;
  policy(): EffectivePolicy;
}

export class DialogHost implements DialogPresenter {
  private ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  private pending: Promise<ShadowRootContentScriptUi<HTMLElement>> | null = null;
  private request: DialogRequest | null = null;
  /** Counts requests: a new request is a new dialog (fresh focus, empty justification). */
  private requestId = 0;
  private indicator: { state: IndicatorState; anchor: DOMRect } | null = null;
  private previousFocus: Element | null = null;
  private restorePanel: { state: RestorePanelState; actions: RestorePanelActions } | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private language: UiLanguage,
    private readonly context: DialogContext,
  ) {}

  setLanguage(language: UiLanguage): void {
    this.language = language;
    if (this.ui) this.draw(this.ui);
  }

  get isOpen(): boolean {
    return this.request !== null;
  }

  show(request: DialogRequest): void {
    if (!this.request) this.previousFocus = document.activeElement;
    this.request = request;
    this.requestId++;
    const shown = this.requestId;
    void this.mount()
      .then((ui) => this.draw(ui))
      .catch((error: unknown) => {
        if (this.requestId === shown && this.request) this.unavailable(error);
      });
  }

  /**
   * The dialog could not be drawn (its stylesheet could not be loaded, the
   * page broke something it needs): whatever was stopped stays stopped, and
   * the employee is told so, in the browser's own alert rather than not at all.
   */
  private unavailable(error: unknown): void {
    console.error('Promptvakt: the dialog could not be shown', error);
    this.request = null;
    window.alert(IN_PAGE_STRINGS[this.language].dialogUnavailable);
    if (this.previousFocus instanceof HTMLElement) this.previousFocus.focus();
  }

  close(): void {
    this.request = null;
    if (this.ui) this.draw(this.ui);
    if (this.previousFocus instanceof HTMLElement) this.previousFocus.focus();
  }

  restore(): void {
    if (!this.ui || !this.request) return;
    this.draw(this.ui);
    // The user tried to send again: the answer the dialog waits for is there.
    this.ui.mounted?.querySelector<HTMLElement>('[role="alertdialog"] button')?.focus();
  }

  /** The small indicator by the composer; null hides it. */
  showIndicator(state: IndicatorState | null, anchor?: DOMRect): void {
    this.indicator = state && anchor ? { state, anchor } : null;
    if (this.ui) this.draw(this.ui);
    else if (this.indicator) void this.mount().then((ui) => this.draw(ui));
  }

  /** The panel shown while real values are restored in the AI's answers; null hides it. */
  showRestorePanel(state: RestorePanelState | null, actions?: RestorePanelActions): void {
    this.restorePanel = state && actions ? { state, actions } : null;
    if (this.ui) this.draw(this.ui);
    else if (this.restorePanel) void this.mount().then((ui) => this.draw(ui));
  }

  private draw(ui: ShadowRootContentScriptUi<HTMLElement>): void {
    // The page re-rendered its body or rewrote the document (document.open): put the UI back.
    if (!ui.shadowHost.isConnected && (this.request || this.indicator || this.restorePanel) && document.body) ui.mount();
    const container = ui.mounted;
    if (!container) return;
    const request = this.request;
    const policy = this.context.policy();
    const reminder = policy.uploads.reminder;
    render(
      <>
        {this.indicator && <Indicator state={this.indicator.state} anchor={this.indicator.anchor} language={this.language} />}
        {this.restorePanel && <RestorePanel state={this.restorePanel.state} language={this.language} {...this.restorePanel.actions} />}
        {request && (
          <FindingsDialog
            key={this.requestId}
            result={request.result}
            mode={request.mode}
            language={this.language}
            catalogue={this.context.catalogue()}
            failed={request.failed}
            message={request.message ? IN_PAGE_STRINGS[this.language][request.message] : undefined}
            organisation={policy.organisation}
            policySource={policy.source}
            approvedTools={policy.approvedTools}
            requireJustification={request.requireJustification}
            falseAlarmReported={request.falseAlarmReported}
            files={request.files}
            reminder={reminder ? (reminder[this.language] ?? reminder.sv ?? reminder.en) : undefined}
            onEdit={request.onEdit}
            onMask={request.onMask}
            onProceed={request.onProceed}
            onFalseAlarm={request.onFalseAlarm}
          />
        )}
      </>,
      container,
    );
  }

  private mount(): Promise<ShadowRootContentScriptUi<HTMLElement>> {
    if (this.ui) return Promise.resolve(this.ui);
    this.pending ??= createShadowRootUi(this.ctx, {
      name: 'promptvakt-dialog',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      onMount: (container) => container,
      onRemove: (container) => {
        if (container) render(null, container);
      },
    }).then((ui) => {
      ui.mount();
      this.ui = ui;
      return ui;
    });
    return this.pending;
  }
}
