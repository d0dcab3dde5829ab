/**
 * Hosts the findings dialog in a shadow root (isolated from the page's CSS
 * and layout), created on first use.
 */
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { FindingsDialog, type DialogMode } from '../../components/FindingsDialog';
import { UI_STRINGS, type UiLanguage } from '../../components/i18n';
import { builtInCatalogue } from '../../lib/rules/catalogue';
import type { ScanResult } from '../../lib/types';
import type { DialogPresenter } from './guard';

export interface DialogRequest {
  mode: DialogMode;
  result: ScanResult | null;
  failed?: boolean;
  /** A UI string key shown as a status line. */
  message?: 'maskFailed';
  onEdit(): void;
  onMask?(): void;
  onProceed?(): void;
}

export class DialogHost implements DialogPresenter {
  private ui: ShadowRootContentScriptUi<Root> | null = null;
  private pending: Promise<ShadowRootContentScriptUi<Root>> | null = null;
  private open = false;
  private previousFocus: Element | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private language: UiLanguage,
  ) {}

  setLanguage(language: UiLanguage): void {
    this.language = language;
  }

  get isOpen(): boolean {
    return this.open;
  }

  show(request: DialogRequest): void {
    if (!this.open) this.previousFocus = document.activeElement;
    this.open = true;
    void this.mount().then((ui) => {
      if (!this.open) return;
      ui.mounted?.render(
        <FindingsDialog
          result={request.result}
          mode={request.mode}
          language={this.language}
          catalogue={builtInCatalogue()}
          failed={request.failed}
          message={request.message ? UI_STRINGS[this.language][request.message] : undefined}
          onEdit={request.onEdit}
          onMask={request.onMask}
          onProceed={request.onProceed}
        />,
      );
    });
  }

  close(): void {
    this.open = false;
    this.ui?.mounted?.render(<></>);
    if (this.previousFocus instanceof HTMLElement) this.previousFocus.focus();
  }

  private mount(): Promise<ShadowRootContentScriptUi<Root>> {
    if (this.ui) return Promise.resolve(this.ui);
    this.pending ??= createShadowRootUi(this.ctx, {
      name: 'promptvakt-dialog',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      onMount: (container) => {
        const root = createRoot(container);
        return root;
      },
      onRemove: (root) => root?.unmount(),
    }).then((ui) => {
      ui.mount();
      this.ui = ui;
      return ui;
    });
    return this.pending;
  }
}
