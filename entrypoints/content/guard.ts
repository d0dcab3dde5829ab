/**
 * The send guard: intercepts Enter, clicks on the send control, form submits,
 * pastes and drops in the capture phase, decides synchronously with the local
 * engine and stops the event before the page sees it. A clean prompt passes
 * untouched. A send that the user approves (mask, send anyway) or that had to
 * be checked in the background (very long text, organisation regex rules) is
 * replayed through the site's own control with a one-shot approval of exactly
 * that text; until the check is done the send is held and the indicator says so.
 */
import { overrideFor, type EffectivePolicy } from '../../lib/policy/effective';
import { maskPrompt } from '../../lib/redaction/mask-prompt';
import { PlaceholderBook } from '../../lib/redaction/placeholders';
import type { Finding, ScanResult } from '../../lib/types';
import { SendApproval } from './approval';
import { insertAtSelection, readText, realTarget, selectText, writeText, type ComposerLocator, type Editable } from './composer';
import type { DialogPresenter, DialogRequest } from './ui/dialog-types';
import type { CheckOutcome, PromptChecker } from './prompt-checker';
import { isTextFile, readTextFiles } from './text-files';

/** What happened, for the anonymous counters (categories and outcomes only: never text). */
export type GuardOutcome = 'warned' | 'blocked' | 'masked' | 'sent-anyway' | 'edited' | 'logged';

export interface GuardHooks {
  /** A check of this kind is running in the background (true) or done (false). */
  checking(active: boolean): void;
  /** Findings and what became of them. */
  outcome(outcome: GuardOutcome, findings: readonly Finding[]): void;
}

type Kind = 'send' | 'paste' | 'upload';

export class PromptGuard {
  /** The one send the user approved (or the background found clean), replayed by the guard. */
  private readonly approval = new SendApproval();
  /** The text whose send is held while the background checks it. */
  private heldText: string | null = null;
  /** Set while we paste on the user's behalf, so our own paste is not checked again. */
  private selfPaste = false;
  /** File inputs whose next change event we re-dispatched after a check. */
  private readonly approvedInputs = new WeakSet<HTMLInputElement>();
  private placeholders = new PlaceholderBook('sv');
  private readonly listeners: [string, (e: Event) => void][];

  constructor(
    private readonly locator: ComposerLocator,
    private readonly dialog: DialogPresenter,
    private readonly checker: PromptChecker,
    private readonly policy: () => EffectivePolicy,
    private readonly hooks: GuardHooks = { checking: () => {}, outcome: () => {} },
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

  /** Adds the capture-phase listeners; calling it again (after document.open() erased them) adds nothing twice. */
  install(target: Window): void {
    for (const [type, listener] of this.listeners) target.addEventListener(type, listener, true);
  }

  uninstall(target: Window): void {
    for (const [type, listener] of this.listeners) target.removeEventListener(type, listener, true);
  }

  private onKeyDown(e: KeyboardEvent): void {
    // Enter sends; Shift+Enter is a line break; never interfere while an IME is composing.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    const composer = this.locator.composerFor(realTarget(e));
    if (composer) this.checkSend(e, composer);
  }

  private onClick(e: MouseEvent): void {
    const composer = this.locator.composerSentBy(realTarget(e));
    if (composer) this.checkSend(e, composer);
  }

  private onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    // The site's composer, or the message box this form holds (a message being edited).
    const composer = this.locator.composerIn(form);
    if (composer) this.checkSend(e, composer);
  }

  private onPaste(e: ClipboardEvent): void {
    if (this.selfPaste) return;
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length) {
      this.holdFiles(e, realTarget(e), files, (data) => new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
      return;
    }
    const composer = this.locator.composerFor(realTarget(e));
    const text = e.clipboardData?.getData('text/plain');
    if (composer && text) this.checkInsert(e, composer, text);
  }

  private onDrop(e: DragEvent): void {
    if (this.selfPaste) return;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) {
      this.holdFiles(e, realTarget(e), files, (data) => new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
      return;
    }
    const composer = this.locator.composerFor(realTarget(e));
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

  /**
   * Reads and checks the text files, then reminds about files Promptvakt cannot
   * read (policy: uploads.otherFiles); calls `release` when the upload may go on.
   */
  private checkFiles(files: File[], composer: Editable | null, release: () => void): void {
    const others = files.filter((f) => !isTextFile(f)).map((f) => f.name);
    const afterText = () => this.remindAboutOtherFiles(others, composer, release);
    void readTextFiles(files).then(
      async (text) => {
        if (text === null) return afterText();
        const outcome = this.checker.checkNow(text) ?? (await this.checkInBackground(text));
        this.respond(outcome, 'upload', text, composer, afterText);
      },
      (error: unknown) => {
        console.error('Promptvakt: could not read the files', error);
        this.respond({ ok: false, reason: 'error' }, 'upload', '', composer, afterText);
      },
    );
  }

  private remindAboutOtherFiles(names: string[], composer: Editable | null, release: () => void): void {
    const setting = this.policy().uploads.otherFiles;
    if (!names.length || setting === 'off') return release();
    if (setting === 'remind') {
      // A notice: the upload goes on, the dialog says what to check.
      release();
      this.dialog.show({ mode: 'reminder', result: null, files: names, onEdit: () => this.dialog.close() });
      return;
    }
    // "confirm": the upload waits for the employee's answer.
    this.dialog.show({
      mode: 'reminder',
      result: null,
      files: names,
      onEdit: () => (composer ? this.backToEditor(composer) : this.dialog.close()),
      onProceed: () => {
        this.dialog.close();
        release();
      },
    });
  }

  private stop(e: Event): void {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  private checkSend(e: Event, composer: Editable): void {
    const text = readText(composer);
    if (!text.trim()) return;
    if (this.approval.admits(text)) return;
    if (this.dialog.isOpen || this.heldText !== null) {
      // A dialog is open or a check is running: this send waits for it.
      this.stop(e);
      if (this.dialog.isOpen) this.dialog.restore();
      return;
    }
    const outcome = this.checker.checkNow(text);
    if (outcome === null) {
      // Decided synchronously: hold the send, check in the background, replay if clean.
      this.stop(e);
      this.heldText = text;
      void this.checkInBackground(text).then((later) => {
        this.heldText = null;
        this.respond(later, 'send', text, composer, () => this.replaySend(composer, text));
      });
      return;
    }
    if (this.passes(outcome)) {
      this.logged(outcome);
      return;
    }
    // Decided synchronously: stop the event before anything async happens.
    this.stop(e);
    this.respond(outcome, 'send', text, composer, () => this.replaySend(composer, text));
  }

  private checkInsert(e: Event, composer: Editable, text: string): void {
    const outcome = this.checker.checkNow(text);
    if (outcome !== null && this.passes(outcome)) {
      this.logged(outcome);
      return;
    }
    this.stop(e);
    const insert = () => this.insertAsPaste(composer, text);
    if (outcome !== null) {
      this.respond(outcome, 'paste', text, composer, insert);
      return;
    }
    void this.checkInBackground(text).then((later) => this.respond(later, 'paste', text, composer, insert));
  }

  private async checkInBackground(text: string): Promise<CheckOutcome> {
    this.hooks.checking(true);
    try {
      return await this.checker.checkLater(text);
    } finally {
      this.hooks.checking(false);
    }
  }

  /** Whether an outcome lets the event through untouched (clean, or the policy allows on failure). */
  private passes(outcome: CheckOutcome): boolean {
    return outcome.ok ? outcome.result.decision === 'allow' : this.policy().failureMode === 'allow';
  }

  private logged(outcome: CheckOutcome): void {
    if (!outcome.ok) return;
    const informed = outcome.result.findings.filter((f) => f.action === 'log');
    if (informed.length) this.hooks.outcome('logged', informed);
  }

  /**
   * The way forward after a check that was not clean: a dialog, or `proceed`
   * when the outcome passes (a background check that came back clean).
   */
  private respond(outcome: CheckOutcome, kind: Kind, text: string, composer: Editable | null, proceed: () => void): void {
    if (this.passes(outcome)) {
      this.logged(outcome);
      proceed();
      return;
    }
    const edit = (result?: ScanResult) => () => {
      if (result) this.hooks.outcome('edited', interrupting(result));
      if (composer) this.backToEditor(composer, result);
      else this.dialog.close();
    };
    if (!outcome.ok) {
      this.dialog.show({ mode: kind, result: null, failed: true, onEdit: edit() });
      return;
    }
    const { result } = outcome;
    const findings = interrupting(result);
    this.hooks.outcome(result.decision === 'block' ? 'blocked' : 'warned', findings);
    const override = overrideFor(this.policy(), result.findings);
    const request: DialogRequest = {
      mode: kind,
      result,
      requireJustification: override.justification,
      onEdit: edit(result),
      onProceed:
        result.decision === 'warn' && override.allowed
          ? () => {
              this.hooks.outcome('sent-anyway', findings);
              this.dialog.close();
              proceed();
            }
          : undefined,
    };
    if (composer && kind === 'send') request.onMask = () => this.maskAndSend(composer, text, result);
    if (composer && kind === 'paste') {
      request.onMask = () => {
        const masked = this.maskOrRefuse(composer, text, result, 'paste');
        if (masked === null) return;
        this.hooks.outcome('masked', findings);
        this.dialog.close();
        this.insertAsPaste(composer, masked);
      };
    }
    this.dialog.show(request);
  }

  private backToEditor(composer: Editable, result?: ScanResult): void {
    this.dialog.close();
    const first = result?.findings.find((f) => f.action !== 'log');
    if (first) selectText(composer, first.text);
    else composer.focus();
  }

  /**
   * The masked text (lib/redaction/mask-prompt.ts), or null when masking would
   * leave something behind: then the dialog says so and nothing is sent or pasted.
   */
  private maskOrRefuse(composer: Editable, text: string, result: ScanResult, mode: 'send' | 'paste'): string | null {
    const outcome = maskPrompt(text, result, this.placeholders, (t) => this.checker.scanHere(t));
    if (outcome.ok) return outcome.text;
    this.dialog.show({ mode, result, message: 'maskFailed', onEdit: () => this.backToEditor(composer, result) });
    return null;
  }

  private maskAndSend(composer: Editable, text: string, result: ScanResult): void {
    const masked = this.maskOrRefuse(composer, text, result, 'send');
    if (masked === null) return;
    this.selfPaste = true;
    try {
      writeText(composer, masked);
    } finally {
      this.selfPaste = false;
    }
    // Editors apply input on their own schedule: check what the composer now holds before sending.
    setTimeout(() => {
      void (async () => {
        const now = readText(composer);
        const recheck = this.checker.checkNow(now) ?? (await this.checkInBackground(now));
        const stillThere = result.findings.some((f) => f.action !== 'log' && now.includes(f.text));
        if (!recheck.ok || recheck.result.decision === 'block' || stillThere) {
          this.dialog.show({
            mode: 'send',
            result,
            message: 'maskFailed',
            onEdit: () => this.backToEditor(composer, result),
          });
          return;
        }
        this.hooks.outcome('masked', interrupting(result));
        this.dialog.close();
        this.replaySend(composer, now);
      })();
    }, 30);
  }

  private replaySend(composer: Editable, approved: string): void {
    setTimeout(() => {
      const control = this.locator.sendControl(composer);
      this.approval.replay(approved, () => {
        if (control && !(control as HTMLButtonElement).disabled) {
          control.click();
        } else {
          composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }));
        }
      });
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

/** The findings that made the dialog appear (not the informational ones). */
function interrupting(result: ScanResult): Finding[] {
  return result.findings.filter((f) => f.action === 'warn' || f.action === 'block');
}
