/**
 * The send guard: intercepts Enter, clicks on the send control, form submits,
 * pastes and drops in the capture phase, decides synchronously with the local
 * engine and stops the event before the page sees it. A clean prompt passes
 * untouched. A send that the user approves (mask, send anyway) is replayed
 * through the site's own control with a one-shot approval of exactly that text.
 */
import type { DetectionPolicy } from '../../lib/policy/default-policy';
import { PlaceholderBook, maskFindings } from '../../lib/redaction/placeholders';
import { scan } from '../../lib/scan';
import type { ScanResult } from '../../lib/types';
import { insertAtSelection, readText, selectText, writeText, type ComposerLocator, type Editable } from './composer';
import type { DialogRequest } from './dialog-host';
import { readTextFiles } from './text-files';

export interface DialogPresenter {
  show(request: DialogRequest): void;
  close(): void;
  readonly isOpen: boolean;
}

type ScanOutcome = { ok: true; result: ScanResult } | { ok: false };

export class PromptGuard {
  /** The exact text the user approved for the next send. */
  private approvedText: string | null = null;
  /** Set while we paste on the user's behalf, so our own paste is not checked again. */
  private selfPaste = false;
  /** File inputs whose next change event we re-dispatched after a check. */
  private readonly approvedInputs = new WeakSet<HTMLInputElement>();
  private placeholders = new PlaceholderBook('sv');
  private readonly listeners: [string, (e: Event) => void][];

  constructor(
    private readonly locator: ComposerLocator,
    private readonly dialog: DialogPresenter,
    private readonly policy: () => DetectionPolicy,
  ) {
    this.listeners = [
      ['keydown', (e) => this.onKeyDown(e as KeyboardEvent)],
      ['click', (e) => this.onClick(e as MouseEvent)],
      ['submit', (e) => this.onSubmit(e as SubmitEvent)],
      ['paste', (e) => this.onPaste(e as ClipboardEvent)],
      ['drop', (e) => this.onDrop(e as DragEvent)],
      ['change', (e) => this.onFileChange(e)],
    ];
  }

  /** Placeholders follow the UI language; a new book starts a fresh numbering. */
  setLanguage(language: 'sv' | 'en'): void {
    this.placeholders = new PlaceholderBook(language);
  }

  install(target: Window): void {
    for (const [type, listener] of this.listeners) target.addEventListener(type, listener, true);
  }

  uninstall(target: Window): void {
    for (const [type, listener] of this.listeners) target.removeEventListener(type, listener, true);
  }

  private onKeyDown(e: KeyboardEvent): void {
    // Enter sends; Shift+Enter is a line break; never interfere while an IME is composing.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    const composer = this.locator.composerFor(e.target);
    if (composer) this.checkSend(e, composer);
  }

  private onClick(e: MouseEvent): void {
    if (!this.locator.isSendControl(e.target)) return;
    const composer = this.locator.find();
    if (composer) this.checkSend(e, composer);
  }

  private onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    const composer = this.locator.find() ?? this.locator.composerFor(form.querySelector('textarea, [contenteditable]'));
    if (composer && form.contains(composer)) this.checkSend(e, composer);
  }

  private onPaste(e: ClipboardEvent): void {
    if (this.selfPaste) return;
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length) {
      this.holdFiles(e, e.target, files, (data) => new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      return;
    }
    const composer = this.locator.composerFor(e.target);
    const text = e.clipboardData?.getData('text/plain');
    if (composer && text) this.checkInsert(e, composer, text);
  }

  private onDrop(e: DragEvent): void {
    if (this.selfPaste) return;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) {
      this.holdFiles(e, e.target, files, (data) => new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      return;
    }
    const composer = this.locator.composerFor(e.target);
    const text = e.dataTransfer?.getData('text/plain');
    if (composer && text) this.checkInsert(e, composer, text);
  }

  /**
   * A file picked in a file input: the page must not see the change before
   * the text files are read and checked (reading is asynchronous), so the
   * event is stopped and dispatched again once the files are cleared.
   */
  private onFileChange(e: Event): void {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files?.length) return;
    if (this.approvedInputs.has(input)) {
      this.approvedInputs.delete(input);
      return;
    }
    e.stopImmediatePropagation();
    const files = [...input.files];
    input.value = ''; // nothing can be uploaded while the files are checked
    this.checkFiles(files, this.locator.composerFor(input), () => {
      const data = new DataTransfer();
      for (const f of files) data.items.add(f);
      input.files = data.files;
      this.approvedInputs.add(input);
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  /** Files dropped or pasted on the composer: held back, checked, then handed to the page again. */
  private holdFiles(e: Event, target: EventTarget | null, files: File[], replay: (data: DataTransfer) => Event): void {
    const composer = this.locator.composerFor(target);
    if (!composer || !files.length || !(target instanceof EventTarget)) return;
    this.stop(e);
    this.checkFiles(files, composer, () => {
      const data = new DataTransfer();
      for (const f of files) data.items.add(f);
      this.selfPaste = true;
      try {
        target.dispatchEvent(replay(data));
      } finally {
        this.selfPaste = false;
      }
    });
  }

  /** Reads and scans text files; calls `release` when they may go on (clean, or "upload anyway"). */
  private checkFiles(files: File[], composer: Editable | null, release: () => void): void {
    void readTextFiles(files).then(
      (text) => {
        if (text === null) return release();
        const outcome = this.scanSafely(text);
        if (outcome.ok && outcome.result.decision === 'allow') return release();
        this.dialog.show({
          mode: 'upload',
          result: outcome.ok ? outcome.result : null,
          failed: !outcome.ok,
          onEdit: () => (composer ? this.backToEditor(composer) : this.dialog.close()),
          onProceed:
            outcome.ok && outcome.result.decision === 'warn'
              ? () => {
                  this.dialog.close();
                  release();
                }
              : undefined,
        });
      },
      (error: unknown) => {
        console.error('Promptvakt: could not read the files', error);
        this.dialog.show({ mode: 'upload', result: null, failed: true, onEdit: () => this.dialog.close() });
      },
    );
  }

  private scanSafely(text: string): ScanOutcome {
    try {
      return { ok: true, result: scan(text, { policy: this.policy() }) };
    } catch (error) {
      console.error('Promptvakt: the check failed', error);
      return { ok: false };
    }
  }

  private stop(e: Event): void {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  private checkSend(e: Event, composer: Editable): void {
    const text = readText(composer);
    if (!text.trim()) return;
    if (this.approvedText !== null && text === this.approvedText) {
      this.approvedText = null;
      return;
    }
    if (this.dialog.isOpen) {
      this.stop(e);
      return;
    }
    const outcome = this.scanSafely(text);
    if (outcome.ok && outcome.result.decision === 'allow') return;
    // Decided synchronously: stop the event before anything async happens.
    this.stop(e);
    if (!outcome.ok) {
      this.dialog.show({ mode: 'send', result: null, failed: true, onEdit: () => this.backToEditor(composer) });
      return;
    }
    const { result } = outcome;
    this.dialog.show({
      mode: 'send',
      result,
      onEdit: () => this.backToEditor(composer, result),
      onMask: () => this.maskAndSend(composer, text, result),
      onProceed: result.decision === 'warn' ? () => this.sendAnyway(composer, text) : undefined,
    });
  }

  private checkInsert(e: Event, composer: Editable, text: string): void {
    const outcome = this.scanSafely(text);
    if (outcome.ok && outcome.result.decision === 'allow') return;
    this.stop(e);
    if (!outcome.ok) {
      this.dialog.show({ mode: 'paste', result: null, failed: true, onEdit: () => this.backToEditor(composer) });
      return;
    }
    const { result } = outcome;
    this.dialog.show({
      mode: 'paste',
      result,
      onEdit: () => this.backToEditor(composer),
      onMask: () => {
        this.dialog.close();
        this.insertAsPaste(composer, maskFindings(text, result.findings, this.placeholders).text);
      },
      onProceed:
        result.decision === 'warn'
          ? () => {
              this.dialog.close();
              this.insertAsPaste(composer, text);
            }
          : undefined,
    });
  }

  private backToEditor(composer: Editable, result?: ScanResult): void {
    this.dialog.close();
    const first = result?.findings.find((f) => f.action !== 'inform');
    if (first) selectText(composer, first.text);
    else composer.focus();
  }

  private maskAndSend(composer: Editable, text: string, result: ScanResult): void {
    const masked = maskFindings(text, result.findings, this.placeholders).text;
    this.selfPaste = true;
    try {
      writeText(composer, masked);
    } finally {
      this.selfPaste = false;
    }
    // Editors apply input on their own schedule: check what the composer now holds before sending.
    setTimeout(() => {
      const now = readText(composer);
      const recheck = this.scanSafely(now);
      const stillThere = result.findings.some((f) => f.action !== 'inform' && now.includes(f.text));
      if (!recheck.ok || recheck.result.decision === 'block' || stillThere) {
        this.dialog.show({
          mode: 'send',
          result,
          message: 'maskFailed',
          onEdit: () => this.backToEditor(composer, result),
        });
        return;
      }
      this.dialog.close();
      this.replaySend(composer, now);
    }, 30);
  }

  private sendAnyway(composer: Editable, text: string): void {
    this.dialog.close();
    this.replaySend(composer, text);
  }

  private replaySend(composer: Editable, approved: string): void {
    this.approvedText = approved;
    setTimeout(() => {
      const control = this.locator.sendControl(composer);
      if (control && !(control as HTMLButtonElement).disabled) {
        control.click();
      } else {
        composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }));
      }
      // The approval is for this one send only.
      setTimeout(() => {
        if (this.approvedText === approved) this.approvedText = null;
      }, 1000);
    }, 30);
  }

  private insertAsPaste(composer: Editable, text: string): void {
    this.selfPaste = true;
    try {
      insertAtSelection(composer, text);
    } finally {
      this.selfPaste = false;
    }
  }
}
