/**
 * The send guard: intercepts, in the capture phase, every way text can leave
 * the page: Enter in any field, the activation of any button-like control
 * (click, pointerdown, mousedown, Enter or Space) in the same form, dialog or
 * section as a field with a finding (send-controls.ts: judged by content, not
 * by the control's name), form submits, pastes and drops of text or files
 * anywhere on the page, and file inputs. It decides synchronously with the
 * local engine and stops the event before the page sees it. A clean prompt
 * passes untouched. A send that the user approves (mask, send anyway) or that had to
 * be checked in the background (very long text, organisation regex rules) is
 * replayed through the site's own control with a one-shot approval of exactly
 * that text; until the check is done the send is held and the indicator says so.
 */
import { overrideFor, type EffectivePolicy } from '../../lib/policy/effective';
import { maskPrompt } from '../../lib/redaction/mask-prompt';
import type { UiLanguage } from '../../lib/i18n/language';
import type { JustificationReason } from '../../lib/policy/justification';
import { PlaceholderBook, type Replacement } from '../../lib/redaction/placeholders';
import type { Finding, ScanResult } from '../../lib/types';
import { SendApproval } from './approval';
import { inOwnUi, insertAtSelection, readText, realTarget, selectText, writeText, type ComposerLocator } from './composer';
import { isEditable, type Editable } from './editable';
import { dispatchGesture, type Gesture } from './replay';
import { controlAt, fieldsIn, fieldsSentBy, isSendCandidate } from './send-controls';
import type { DialogPresenter, DialogRequest } from './ui/dialog-types';
import type { CheckOutcome, PromptChecker } from './prompt-checker';
import { readTextFiles } from './text-files';

/** What happened, for the anonymous counters (categories and outcomes only: never text). */
export type GuardOutcome = 'warned' | 'blocked' | 'masked' | 'sent-anyway' | 'edited' | 'logged' | 'false-alarm';

export interface GuardHooks {
  /** A check of this kind is running in the background (true) or done (false). */
  checking(active: boolean): void;
  /** Findings and what became of them. */
  /** `reason` only with 'sent-anyway': the closed reason the employee chose (never their words). */
  outcome(outcome: GuardOutcome, findings: readonly Finding[], reason?: JustificationReason): void;
  /** The placeholder book of the current conversation (mask-session.ts); without it the guard keeps one. */
  placeholders?(language: UiLanguage): PlaceholderBook;
  /** A prompt was masked: what each placeholder replaced (to show the real values in the answer). */
  masked?(original: string, replacements: readonly Replacement[], language: UiLanguage): void;
}

type Kind = 'send' | 'paste' | 'upload';

/** The events of one press: decided once, at the first of them. */
const PRESS_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
/** How long the events of one press share its decision. */
const PRESS_MS = 2000;
/** How long after a replay an approved prompt that is still in its field counts as not sent. */
const NOT_SENT_MS = 1500;
/** How long an approved prompt that could not be sent for the employee stays approved for their own send. */
const RESEND_MS = 120_000;

export class PromptGuard {
  /** The one send the user approved (or the background found clean), replayed by the guard. */
  private readonly approval = new SendApproval();
  /** The text whose send is held while the background checks it. */
  private heldText: string | null = null;
  /** Set while we paste on the user's behalf, so our own paste is not checked again. */
  private selfPaste = false;
  /** File inputs whose next input and change events we re-dispatch after a check. */
  private readonly approvedInputs = new WeakSet<HTMLInputElement>();
  /** File inputs whose files are being checked: their events wait. */
  private readonly heldInputs = new WeakSet<HTMLInputElement>();
  /** The press under way (pointerdown … click, or a key down … up, on one control), what was decided and the dialog it waits to show. */
  private press: { control: HTMLElement; held: boolean; until: number; show: (() => void) | null; timer: ReturnType<typeof setTimeout> | undefined } | null = null;
  /** Set while a press is decided: its dialog waits for the end of the press. */
  private deferring = false;
  private deferred: (() => void) | null = null;
  private language: UiLanguage = 'sv';
  private ownBook = new PlaceholderBook('sv');
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
      ['keyup', (e) => this.onKeyUp(e as KeyboardEvent)],
      ...PRESS_EVENTS.map((type): [string, (e: Event) => void] => [type, (e) => this.onPress(e as MouseEvent)]),
      ['submit', (e) => this.onSubmit(e as SubmitEvent)],
      ['paste', (e) => this.onPaste(e as ClipboardEvent)],
      ['drop', (e) => this.onDrop(e as DragEvent)],
      ['input', (e) => this.onFileInput(e)],
      ['change', (e) => this.onFileInput(e)],
    ];
  }

  /** Placeholders follow the UI language; a new book starts a fresh numbering. */
  setLanguage(language: UiLanguage): void {
    if (language === this.language) return;
    this.language = language;
    this.ownBook = new PlaceholderBook(language);
  }

  /** Adds the capture-phase listeners; calling it again (after document.open() erased them) adds nothing twice. */
  install(target: Window): void {
    for (const [type, listener] of this.listeners) target.addEventListener(type, listener, true);
  }

  uninstall(target: Window): void {
    for (const [type, listener] of this.listeners) target.removeEventListener(type, listener, true);
  }

  private onKeyDown(e: KeyboardEvent): void {
    // Never interfere while an IME is composing.
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      const field = this.locator.composerFor(realTarget(e));
      if (field) {
        this.checkSend(e, { kind: 'enter', field });
        return;
      }
    }
    if (e.key === 'Enter' || e.key === ' ') this.onKeyActivation(e);
  }

  /** The end of a key press on a control (Space activates on key up). */
  private onKeyUp(e: KeyboardEvent): void {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    const target = realTarget(e);
    const press = this.press;
    if (!press || !(target instanceof Element) || controlAt(target) !== press.control) return;
    if (press.held) this.stop(e);
    this.endPress();
  }

  /** Enter or Space on a focused control (a div[role=button] sends from its own key handler). */
  private onKeyActivation(e: KeyboardEvent): void {
    const target = realTarget(e);
    if (!(target instanceof Element) || inOwnUi(target) || isEditable(target)) return;
    const control = controlAt(target);
    if (control) this.startPress(e, control, e.key);
  }

  /**
   * pointerdown, mousedown, pointerup, mouseup and click of one press are
   * decided once, at the first of them: held, every event of the press is
   * stopped and the dialog appears when the press ends (at the click), so
   * that the release does not land in the dialog; let through, none is
   * checked again.
   */
  private onPress(e: MouseEvent): void {
    if (e.button > 0) return; // a primary press (synthetic clicks may carry no button)
    const target = realTarget(e);
    if (!(target instanceof Element) || inOwnUi(target)) return;
    const control = controlAt(target);
    if (!control) return;
    const press = this.press;
    const ongoing = press !== null && press.control === control && Date.now() <= press.until && e.type !== 'pointerdown';
    if (!ongoing) {
      this.startPress(e, control);
      if (e.type === 'click') this.endPress();
      return;
    }
    if (press.held) this.stop(e);
    if (e.type === 'click') this.endPress();
    // A press whose click never comes (the page prevented it): the dialog appears soon after the release.
    else if (e.type === 'pointerup' || e.type === 'mouseup') this.endPressSoon(250);
  }

  private startPress(e: Event, control: HTMLElement, key?: string): void {
    this.endPress();
    this.deferring = true;
    let held: boolean;
    try {
      held = this.checkActivation(e, control, key);
    } finally {
      this.deferring = false;
    }
    this.press = { control, held, until: Date.now() + PRESS_MS, show: this.deferred, timer: undefined };
    this.deferred = null;
    // A key press whose key up never comes (focus moved): the dialog still appears.
    if (key) this.endPressSoon(600);
  }

  /** Ends the press under way: its dialog, if it was held, appears now. */
  private endPress(): void {
    const press = this.press;
    if (!press) return;
    this.press = null;
    clearTimeout(press.timer);
    press.show?.();
  }

  private endPressSoon(ms: number): void {
    const press = this.press;
    if (!press) return;
    clearTimeout(press.timer);
    press.timer = setTimeout(() => {
      if (this.press === press) this.endPress();
    }, ms);
  }

  /** Shows a dialog now, or, while a press is being decided, when the press ends. */
  private present(show: () => void): void {
    if (this.deferring) this.deferred = show;
    else show();
  }

  /**
   * A control activated: it sends the fields of its form, dialog or section.
   * Returns whether the activation was held (a field has a finding not yet
   * approved, or a check is running).
   */
  private checkActivation(e: Event, control: HTMLElement, key?: string): boolean {
    for (const field of fieldsSentBy(control)) {
      if (this.checkSend(e, { kind: 'activate', control, field, key })) return true;
    }
    return false;
  }

  private onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    const submitter = e.submitter instanceof HTMLElement ? e.submitter : null;
    // The site's composer first, then every other field of the form (a message being edited, instructions).
    const first = this.locator.composerIn(form);
    const fields = first ? [first, ...fieldsIn(form).filter((f) => f !== first)] : fieldsIn(form);
    for (const field of fields) if (this.checkSend(e, { kind: 'submit', form, submitter, field })) return;
  }

  private onPaste(e: ClipboardEvent): void {
    if (this.selfPaste) return;
    const target = realTarget(e);
    if (target instanceof Node && inOwnUi(target)) return;
    const files = [...(e.clipboardData?.files ?? [])];
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (files.length) {
      this.holdFiles(e, target, files, text, (data) => new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
      return;
    }
    const composer = this.locator.composerFor(target);
    if (composer && text) this.checkInsert(e, composer, text);
  }

  private onDrop(e: DragEvent): void {
    if (this.selfPaste) return;
    const target = realTarget(e);
    if (target instanceof Node && inOwnUi(target)) return;
    const files = [...(e.dataTransfer?.files ?? [])];
    const text = e.dataTransfer?.getData('text/plain') ?? '';
    if (files.length) {
      this.holdFiles(e, target, files, text, (data) => new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
      return;
    }
    const composer = this.locator.composerFor(target);
    if (composer && text) this.checkInsert(e, composer, text);
  }

  /**
   * Files picked in a file input: the page must not see them before the text
   * files are read and checked (reading is asynchronous). The page may read
   * them on `input` (which comes first) or on `change`: both wait, and are
   * dispatched again once the files are cleared.
   */
  private onFileInput(e: Event): void {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
    if (this.approvedInputs.has(input)) {
      // Our own re-dispatch: input, then change.
      if (e.type === 'change') this.approvedInputs.delete(input);
      return;
    }
    if (this.heldInputs.has(input)) {
      e.stopImmediatePropagation();
      return;
    }
    if (!input.files?.length) return;
    e.stopImmediatePropagation();
    const files = [...input.files];
    this.heldInputs.add(input);
    input.value = ''; // nothing can be uploaded while the files are checked
    // The change that follows this input event belongs to the same pick: it waits too.
    setTimeout(() => {
      this.checkFiles(files, '', this.locator.composerFor(input), () => {
        const data = pageDataTransfer();
        for (const f of files) data.items.add(f);
        input.files = data.files;
        this.approvedInputs.add(input);
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      this.heldInputs.delete(input);
    }, 0);
  }

  /**
   * Files dropped or pasted anywhere on the page (chat sites accept drops on
   * the whole window): held back, checked with any text that came with them,
   * then handed to the page again.
   */
  private holdFiles(e: Event, target: EventTarget | null, files: File[], text: string, replay: (data: DataTransfer) => Event): void {
    // Not `instanceof EventTarget`: in a Firefox content script page elements fail that test.
    if (!files.length || !target || typeof (target as EventTarget).dispatchEvent !== 'function') return;
    this.stop(e);
    this.checkFiles(files, text, this.locator.composerFor(target), () => {
      const data = pageDataTransfer();
      for (const f of files) data.items.add(f);
      if (text) data.setData('text/plain', text);
      this.selfPaste = true;
      try {
        target.dispatchEvent(replay(data));
      } finally {
        this.selfPaste = false;
      }
    });
  }

  /**
   * Reads and checks the text files (and any text that came with them), then
   * reminds about files Promptvakt could not read (policy: uploads.otherFiles);
   * calls `release` when the upload may go on.
   */
  private checkFiles(files: File[], text: string, composer: Editable | null, release: () => void): void {
    const maxBytes = (this.policy().uploads.maxFileMB ?? 5) * 1024 * 1024;
    void readTextFiles(files, maxBytes).then(
      async (read) => {
        const afterText = () => this.remindAboutOtherFiles(read.unread, composer, release);
        const all = [text, read.text].filter((t): t is string => !!t).join('\n\n');
        if (!all) return afterText();
        const outcome = this.checker.checkNow(all) ?? (await this.checkInBackground(all));
        this.respond(outcome, 'upload', all, composer, afterText);
      },
      (error: unknown) => {
        console.error('Promptvakt: could not read the files', error);
        this.respond({ ok: false, reason: 'error' }, 'upload', '', composer, () => {});
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

  /**
   * A send of `gesture.field`'s text. Returns whether the event was held: the
   * text has a finding that is not approved, or must first be checked in the
   * background. Clean text costs one engine run (cached per text).
   */
  private checkSend(e: Event, gesture: Gesture): boolean {
    const field = gesture.field;
    const text = readText(field);
    if (!text.trim()) return false;
    if (this.dialog.isOpen && this.isSend(gesture)) {
      // A dialog is open: a send waits for it, whatever it carries.
      this.stop(e);
      this.dialog.restore();
      return true;
    }
    if (this.heldText === text) {
      // This text is being checked in the background: the send waits for it.
      this.stop(e);
      return true;
    }
    const outcome = this.checker.checkNow(text);
    if (outcome !== null && this.passes(outcome)) {
      if (this.isSend(gesture)) this.logged(outcome);
      return false;
    }
    if (this.approval.admits(text)) return false;
    // Decided synchronously: stop the event before anything async happens.
    this.stop(e);
    if (this.dialog.isOpen) {
      // A dialog is open: this send waits for it.
      this.dialog.restore();
      return true;
    }
    if (outcome === null) {
      // Hold the send, check in the background, replay if clean.
      this.heldText = text;
      void this.checkInBackground(text).then((later) => {
        this.heldText = null;
        this.respond(later, 'send', text, field, () => this.replaySend(gesture, text), gesture);
      });
      return true;
    }
    this.present(() => this.respond(outcome, 'send', text, field, () => this.replaySend(gesture, text), gesture));
    return true;
  }

  /** A gesture that surely sends (for counting notices): not just any control near a field. */
  private isSend(gesture: Gesture): boolean {
    return gesture.kind !== 'activate' || isSendCandidate(gesture.control, gesture.field) || this.locator.isSendControl(gesture.control);
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
  private respond(outcome: CheckOutcome, kind: Kind, text: string, composer: Editable | null, proceed: () => void, gesture?: Gesture): void {
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
    const mayProceed = result.decision === 'warn' && override.allowed;
    const sendAnyway = (reason?: JustificationReason) => {
      this.hooks.outcome('sent-anyway', findings, reason);
      this.dialog.close();
      proceed();
    };
    const request: DialogRequest = {
      mode: kind,
      result,
      requireJustification: override.justification,
      onEdit: edit(result),
      onProceed: mayProceed ? sendAnyway : undefined,
      // "This is wrong": counted by rule, never with text. It lets the prompt through only where "send anyway" would.
      onFalseAlarm: () => {
        this.hooks.outcome('false-alarm', findings);
        if (mayProceed) return sendAnyway('false-alarm');
        this.dialog.show({ ...request, onFalseAlarm: undefined, falseAlarmReported: true });
      },
    };
    // Classified content is protected as a whole, not only its label: masking would send it without the label.
    const classified = findings.some((f) => f.category === 'classified');
    if (classified) request.message = 'classifiedNoMask';
    else if (gesture && kind === 'send') request.onMask = () => this.maskAndSend(gesture, text, result);
    if (composer && kind === 'paste' && !classified) {
      request.onMask = () =>
        void this.maskOrRefuse(composer, text, result, 'paste').then((masked) => {
          if (masked === null) return;
          this.hooks.outcome('masked', findings);
          this.dialog.close();
          this.insertAsPaste(composer, masked);
        });
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
   * The masked text (lib/redaction/mask-prompt.ts), with the names and
   * addresses beside the findings (found in the background), or null when
   * masking would leave something behind or the names cannot be found: then
   * the dialog says so and nothing is sent or pasted.
   */
  private async maskOrRefuse(composer: Editable, text: string, result: ScanResult, mode: 'send' | 'paste'): Promise<string | null> {
    const book = this.hooks.placeholders?.(this.language) ?? this.ownBook;
    const refuse = () => {
      this.dialog.show({ mode, result, message: 'maskFailed', onEdit: () => this.backToEditor(composer, result) });
      return null;
    };
    let identifiers;
    try {
      identifiers = await this.checker.identify(text, book.personNames());
    } catch (error) {
      console.error('Promptvakt: names could not be found for masking', error);
      return refuse();
    }
    const outcome = maskPrompt(text, result, book, (t) => this.checker.scanHere(t), identifiers);
    if (!outcome.ok) return refuse();
    this.hooks.masked?.(text, outcome.replacements, this.language);
    return outcome.text;
  }

  private async maskAndSend(gesture: Gesture, text: string, result: ScanResult): Promise<void> {
    const field = gesture.field;
    const masked = await this.maskOrRefuse(field, text, result, 'send');
    if (masked === null) return;
    this.selfPaste = true;
    try {
      writeText(field, masked);
    } finally {
      this.selfPaste = false;
    }
    // Editors apply input on their own schedule: check what the field now holds before sending.
    setTimeout(() => {
      void (async () => {
        const now = readText(field);
        const recheck = this.checker.checkNow(now) ?? (await this.checkInBackground(now));
        const stillThere = result.findings.some((f) => f.action !== 'log' && now.includes(f.text));
        if (!recheck.ok || recheck.result.decision === 'block' || stillThere || !sameText(now, masked)) {
          this.dialog.show({
            mode: 'send',
            result,
            message: 'maskFailed',
            onEdit: () => this.backToEditor(field, result),
          });
          return;
        }
        this.hooks.outcome('masked', interrupting(result));
        this.dialog.close();
        this.replaySend(gesture, now);
      })();
    }, 30);
  }

  /**
   * Sends the approved text the way the employee did: the same key in the same
   * field, or the same control pressed again. A control the page has replaced
   * meanwhile is found again only where it is verified to send this field.
   * When the text is still in the site's composer afterwards, the send did not
   * happen: the dialog says so, and the text stays approved for the
   * employee's own send.
   */
  private replaySend(gesture: Gesture, approved: string): void {
    setTimeout(() => {
      const field = gesture.field;
      this.approval.replay(approved, () => dispatchGesture(gesture, this.locator.sendControl(field)));
      setTimeout(() => {
        if (!field.isConnected || readText(field) !== approved) return;
        // Where a field keeps its text after a send (instructions, a saved edit), nothing tells us it failed.
        if (gesture.kind === 'activate' && this.locator.find() !== field) return;
        this.approval.allow(approved, RESEND_MS);
        this.dialog.show({ mode: 'send', result: null, message: 'notSent', onEdit: () => this.backToEditor(field) });
      }, NOT_SENT_MS);
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

/**
 * A DataTransfer the page can read. In Firefox a content script's own
 * DataTransfer shows the page its types but no files: the page's constructor
 * (through the Xray wrapper) makes one whose files the page sees.
 */
function pageDataTransfer(): DataTransfer {
  const pageWindow = typeof window === 'undefined' ? undefined : (window as unknown as { wrappedJSObject?: { DataTransfer?: typeof DataTransfer } }).wrappedJSObject;
  return pageWindow?.DataTransfer ? new pageWindow.DataTransfer() : new DataTransfer();
}

/** Same text, up to line endings and the spaces editors add or drop around lines. */
function sameText(a: string, b: string): boolean {
  const norm = (t: string) => t.replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+\n/g, '\n').replace(/\n{2,}/g, '\n').trim();
  return norm(a) === norm(b);
}

/** The findings that made the dialog appear (not the informational ones). */
function interrupting(result: ScanResult): Finding[] {
  return result.findings.filter((f) => f.action === 'warn' || f.action === 'block');
}
