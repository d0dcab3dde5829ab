/**
 * PromptGuard (entrypoints/content/guard.ts) on a page built with linkedom,
 * with the real engine (a real PromptChecker), the real ComposerLocator (no
 * site adapter: the generic guard) and a fake dialog that records what it is
 * asked to show; the test plays the user by calling the dialog's choices.
 *
 * linkedom has no capture phase: listeners run target first, then its
 * ancestors, the document and last the window, in the order they were added.
 * The page's own listeners are therefore added to the window after
 * guard.install(): the page sees an event only if the guard neither stopped
 * its propagation nor is missing (in a browser the guard's capture listener
 * on the window runs before anything of the page's).
 *
 * What linkedom lacks, the test adds to its classes for this file only: the
 * textarea's selection, HTMLFormElement (its forms are plain elements), focus
 * that moves document.activeElement, layout (every element is visible),
 * execCommand('insertText') and the event types KeyboardEvent, ClipboardEvent
 * and DataTransfer.
 */
import { parseHTML } from 'linkedom';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: {} }));

const { PromptGuard } = await import('../../entrypoints/content/guard');
const { ComposerLocator } = await import('../../entrypoints/content/composer');
const { PromptChecker } = await import('../../entrypoints/content/prompt-checker');
const { builtInEffectivePolicy } = await import('../../lib/policy/built-in-effective');
const { resolvePolicy } = await import('../../lib/policy/resolve');
const { scan } = await import('../../lib/scan');
const { identifierSpans } = await import('../../lib/redaction/identifiers');
const { luhnCheckDigit } = await import('../../lib/validators/luhn');
type GuardOutcome = import('../../entrypoints/content/guard').GuardOutcome;
type DialogPresenter = import('../../entrypoints/content/ui/dialog-types').DialogPresenter;
type DialogRequest = import('../../entrypoints/content/ui/dialog-types').DialogRequest;
type EffectivePolicy = import('../../lib/policy/effective').EffectivePolicy;
type SiteMode = import('../../lib/policy/schema').SiteMode;
type ScanRequest = import('../../platform/messages').ScanRequest;
type ScanReply = import('../../platform/messages').ScanReply;
type IdentifyRequest = import('../../platform/messages').IdentifyRequest;
type IdentifyReply = import('../../platform/messages').IdentifyReply;

/** A valid personnummer (its last digit is the Luhn check digit), not one of Skatteverket's test numbers. */
const PNR = `640823-417${luhnCheckDigit('640823417')}`;
const WITH_PNR = `Skriv ett avslag till sökanden med personnummer ${PNR}`;
const CLEAN = 'Skriv en inbjudan till julbordet på fredag';

// ---------------------------------------------------------------------------
// The DOM: linkedom's classes as the globals guard.ts and composer.ts use.

type DomWindow = Window & typeof globalThis;
const base = parseHTML('<!doctype html><html><body></body></html>') as unknown as DomWindow;
const LinkedEvent = base.Event;

class FakeDataTransfer {
  readonly files: File[] = [];
  readonly items = { add: (file: File) => void this.files.push(file) };
  private readonly data = new Map<string, string>();
  setData(type: string, value: string): void {
    this.data.set(type, value);
  }
  getData(type: string): string {
    return this.data.get(type) ?? '';
  }
}

class FakeKeyboardEvent extends LinkedEvent {
  readonly key: string;
  readonly code: string;
  readonly keyCode: number;
  readonly shiftKey: boolean;
  readonly isComposing: boolean;
  constructor(type: string, init: KeyboardEventInit = {}) {
    super(type, init);
    this.key = init.key ?? '';
    this.code = init.code ?? '';
    this.keyCode = init.keyCode ?? 0;
    this.shiftKey = init.shiftKey ?? false;
    this.isComposing = init.isComposing ?? false;
  }
}

class FakeMouseEvent extends LinkedEvent {
  readonly button: number;
  constructor(type: string, init: MouseEventInit = {}) {
    super(type, init);
    this.button = init.button ?? 0;
  }
}

class FakeClipboardEvent extends LinkedEvent {
  readonly clipboardData: FakeDataTransfer | null;
  constructor(type: string, init: EventInit & { clipboardData?: FakeDataTransfer | null } = {}) {
    super(type, init);
    this.clipboardData = init.clipboardData ?? null;
  }
}

/** Each textarea's selection [start, end]; none set means the caret is at the end. */
const selections = new WeakMap<HTMLTextAreaElement, [number, number]>();
function selectionOf(el: HTMLTextAreaElement): [number, number] {
  const n = el.value.length;
  const [start, end] = selections.get(el) ?? [n, n];
  return [Math.min(start, n), Math.min(end, n)];
}

const patched: [object, string, PropertyDescriptor | undefined][] = [];
function patch(proto: object, name: string, descriptor: PropertyDescriptor): void {
  patched.push([proto, name, Object.getOwnPropertyDescriptor(proto, name)]);
  Object.defineProperty(proto, name, { configurable: true, ...descriptor });
}

beforeAll(() => {
  for (const name of ['Node', 'Element', 'HTMLElement', 'HTMLTextAreaElement', 'HTMLInputElement', 'HTMLButtonElement', 'ShadowRoot', 'EventTarget'] as const) {
    vi.stubGlobal(name, base[name]);
  }
  // linkedom makes <form> a plain HTMLElement (its HTMLFormElement class is not registered).
  vi.stubGlobal('HTMLFormElement', { [Symbol.hasInstance]: (v: unknown) => v instanceof base.HTMLElement && v.localName === 'form' });
  vi.stubGlobal('KeyboardEvent', FakeKeyboardEvent);
  vi.stubGlobal('ClipboardEvent', FakeClipboardEvent);
  vi.stubGlobal('MouseEvent', FakeMouseEvent);
  vi.stubGlobal('PointerEvent', FakeMouseEvent);
  vi.stubGlobal('DataTransfer', FakeDataTransfer);

  const textarea = base.HTMLTextAreaElement.prototype;
  patch(textarea, 'select', {
    value(this: HTMLTextAreaElement) {
      selections.set(this, [0, this.value.length]);
    },
  });
  patch(textarea, 'setSelectionRange', {
    value(this: HTMLTextAreaElement, start: number, end: number) {
      selections.set(this, [start, end]);
    },
  });
  patch(textarea, 'selectionStart', {
    get(this: HTMLTextAreaElement) {
      return selectionOf(this)[0];
    },
  });
  patch(textarea, 'selectionEnd', {
    get(this: HTMLTextAreaElement) {
      return selectionOf(this)[1];
    },
  });
  patch(base.Element.prototype, 'getClientRects', { value: () => [{ width: 100, height: 20 }] });
  // linkedom's focus() is on Element and only dispatches a focus event.
  const focus = (base.Element.prototype as HTMLElement).focus;
  patch(base.Element.prototype, 'focus', {
    value(this: HTMLElement) {
      Object.defineProperty(this.ownerDocument, 'activeElement', { configurable: true, value: this });
      focus.call(this);
    },
  });
});

afterAll(() => {
  for (const [proto, name, original] of patched.reverse()) {
    if (original) Object.defineProperty(proto, name, original);
    else delete (proto as Record<string, unknown>)[name];
  }
  vi.unstubAllGlobals();
});

beforeEach(() => {
  // Only the timers of the guard (replay, re-check after masking); reading files stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

/** Every guard a test installed, uninstalled after it so nothing it left pending can reach it. */
const installed: { guard: InstanceType<typeof PromptGuard>; dom: DomWindow }[] = [];

afterEach(() => {
  for (const { guard, dom } of installed.splice(0)) guard.uninstall(dom);
  vi.useRealTimers();
});

// ---------------------------------------------------------------------------
// The fakes and the page.

/** Records every request; the test chooses for the user through the request's callbacks. */
class FakeDialog implements DialogPresenter {
  readonly requests: DialogRequest[] = [];
  isOpen = false;
  restored = 0;
  show(request: DialogRequest): void {
    this.requests.push(request);
    this.isOpen = true;
  }
  close(): void {
    this.isOpen = false;
  }
  restore(): void {
    this.restored++;
  }
  get last(): DialogRequest {
    const request = this.requests.at(-1);
    if (!request) throw new Error('no dialog was shown');
    return request;
  }
}

/** A background that scans with the built-in engine and counts what it was asked. */
function fakeBackground(reply?: (request: ScanRequest) => Promise<ScanReply>) {
  const asked: string[] = [];
  const ask = async (request: ScanRequest): Promise<ScanReply> => {
    asked.push(request.text);
    return reply ? reply(request) : { ok: true, result: scan(request.text) };
  };
  /** The background's answer to "which names and addresses beside the findings" (the real recogniser). */
  const identify = async (request: IdentifyRequest): Promise<IdentifyReply> => ({ ok: true, spans: identifierSpans(request.text, { knownNames: request.knownNames }) });
  return { asked, ask, identify };
}

/** A policy whose regex rule keeps every check out of the page (PromptChecker.checkNow gives null). */
const withRegexRule = () =>
  resolvePolicy(
    { version: 1, customRules: [{ id: 'diarienummer', kind: 'regex', pattern: 'KS \\d{4}/\\d{1,5}', category: 'classified', message: { sv: 'Diarienummer stannar internt.' } }] },
    undefined,
  );

const IN_FORM = '<form><textarea id="composer"></textarea><button type="submit" id="send">Skicka</button></form>';
const ALONE = '<div><textarea id="composer"></textarea></div>';

interface Options {
  mode?: SiteMode;
  policy?: EffectivePolicy;
  background?: ReturnType<typeof fakeBackground>;
}

/**
 * A chat page: the guard installed on its window, then the page's own
 * listeners, which send what the composer holds on Enter and on a click on
 * its send button, and note every event they see.
 */
function chatPage(body: string, options: Options = {}) {
  const dom = parseHTML(`<!doctype html><html><body>${body}</body></html>`) as unknown as DomWindow;
  const doc = dom.document;
  vi.stubGlobal('document', doc);
  Object.defineProperty(doc, 'execCommand', {
    configurable: true,
    value: (command: string, _ui: boolean, text: string) => {
      const el = doc.activeElement;
      if (command !== 'insertText' || !(el instanceof base.HTMLTextAreaElement)) return false;
      const [start, end] = selectionOf(el);
      el.value = el.value.slice(0, start) + text + el.value.slice(end);
      selections.set(el, [start + text.length, start + text.length]);
      el.dispatchEvent(new LinkedEvent('input', { bubbles: true }));
      return true;
    },
  });

  let mode = options.mode ?? 'block';
  let policy = options.policy ?? builtInEffectivePolicy();
  const background = options.background ?? fakeBackground();
  const checker = new PromptChecker(() => policy, () => mode, background.ask, background.identify);
  const dialog = new FakeDialog();
  const outcomes: { outcome: GuardOutcome; categories: string[]; reason?: string }[] = [];
  const checking: boolean[] = [];
  const guard = new PromptGuard(new ComposerLocator(undefined, doc), dialog, checker, () => policy, {
    checking: (active) => void checking.push(active),
    outcome: (outcome, findings, reason) =>
      void outcomes.push({ outcome, categories: findings.map((f) => f.category), ...(reason ? { reason } : {}) }),
  });
  guard.install(dom);
  installed.push({ guard, dom });

  const composer = doc.querySelector('textarea')!;
  const button = doc.querySelector('button');
  const sent: string[] = [];
  const seen: string[] = [];
  dom.addEventListener('keydown', (e) => {
    seen.push('keydown');
    const key = e as KeyboardEvent;
    if (key.key === 'Enter' && !key.shiftKey && !key.isComposing) sent.push(composer.value);
  });
  dom.addEventListener('click', (e) => {
    seen.push('click');
    if (button && e.composedPath()[0] === button) sent.push(composer.value);
  });
  for (const type of ['paste', 'submit']) dom.addEventListener(type, () => void seen.push(type));

  return {
    dom,
    doc,
    composer,
    button,
    guard,
    dialog,
    background,
    outcomes,
    checking,
    sent,
    seen,
    setMode: (next: SiteMode) => void (mode = next),
    setPolicy: (next: EffectivePolicy) => void (policy = next),
    /** The user's text in the composer, the caret at its end. */
    type(text: string) {
      composer.value = text;
      selections.delete(composer);
    },
    enter(init: KeyboardEventInit = {}) {
      const e = new FakeKeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true, ...init });
      composer.dispatchEvent(e);
      return e;
    },
    click() {
      const e = new LinkedEvent('click', { bubbles: true, cancelable: true });
      button!.dispatchEvent(e);
      return e;
    },
    paste(text: string, files: File[] = []) {
      const data = new FakeDataTransfer();
      if (text) data.setData('text/plain', text);
      for (const f of files) data.items.add(f);
      const e = new FakeClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      composer.dispatchEvent(e);
      return e;
    },
  };
}

const outcomeNames = (page: { outcomes: { outcome: GuardOutcome }[] }) => page.outcomes.map((o) => o.outcome);

// ---------------------------------------------------------------------------

describe('PromptGuard: sending with Enter', () => {
  it('lets a clean prompt through untouched: not prevented, no dialog, nothing counted', () => {
    const page = chatPage(ALONE);
    page.type(CLEAN);
    const e = page.enter();
    expect(e.defaultPrevented).toBe(false);
    expect(page.sent).toEqual([CLEAN]);
    expect(page.dialog.requests).toEqual([]);
    expect(page.outcomes).toEqual([]);
  });

  it('offers no masking for classified text, for a send or a paste, and says why', () => {
    const page = chatPage(ALONE, { mode: 'block' });
    const classified = `HEMLIG\nSammanfatta underlaget om ${PNR}`;
    page.type(classified);
    page.enter();
    expect(page.dialog.last.result?.findings.map((f) => f.category)).toContain('classified');
    expect(page.dialog.last.onMask).toBeUndefined();
    expect(page.dialog.last.message).toBe('classifiedNoMask');
    page.dialog.last.onEdit();
    page.type('');
    page.paste(classified);
    expect(page.dialog.last.mode).toBe('paste');
    expect(page.dialog.last.onMask).toBeUndefined();
    expect(page.dialog.last.message).toBe('classifiedNoMask');
  });

  it('stops a prompt with a personnummer before the page sees it and shows the findings (block)', () => {
    const page = chatPage(ALONE, { mode: 'block' });
    page.type(WITH_PNR);
    const e = page.enter();
    expect(e.defaultPrevented).toBe(true);
    expect(page.seen).toEqual([]); // stopImmediatePropagation: the page's listener never ran
    expect(page.sent).toEqual([]);
    expect(page.dialog.requests).toHaveLength(1);
    const request = page.dialog.last;
    expect(request.mode).toBe('send');
    expect(request.result?.decision).toBe('block');
    expect(request.result?.findings).toContainEqual(expect.objectContaining({ category: 'personnummer', text: PNR, action: 'block' }));
    expect(request.onProceed).toBeUndefined(); // a block cannot be overridden
    expect(request.onMask).toBeTypeOf('function');
    expect(page.outcomes).toEqual([{ outcome: 'blocked', categories: expect.arrayContaining(['personnummer']) }]);
  });

  it('under a warn policy counts the stop as warned and offers to send anyway', () => {
    const page = chatPage(ALONE, { mode: 'warn' });
    page.type(WITH_PNR);
    expect(page.enter().defaultPrevented).toBe(true);
    expect(page.dialog.last.result?.decision).toBe('warn');
    expect(page.dialog.last.onProceed).toBeTypeOf('function');
    expect(outcomeNames(page)).toEqual(['warned']);
  });

  it('in monitor mode lets the prompt through and only counts the findings as logged', () => {
    const page = chatPage(ALONE, { mode: 'monitor' });
    page.type(WITH_PNR);
    expect(page.enter().defaultPrevented).toBe(false);
    expect(page.sent).toEqual([WITH_PNR]);
    expect(page.dialog.requests).toEqual([]);
    expect(page.outcomes).toEqual([{ outcome: 'logged', categories: expect.arrayContaining(['personnummer']) }]);
  });

  it('ignores Shift+Enter (a line break) and Enter while an IME is composing', () => {
    const page = chatPage(ALONE);
    page.type(WITH_PNR);
    expect(page.enter({ shiftKey: true }).defaultPrevented).toBe(false);
    expect(page.enter({ isComposing: true }).defaultPrevented).toBe(false);
    expect(page.enter({ keyCode: 229 }).defaultPrevented).toBe(false); // Chrome's "IME is processing" key
    expect(page.seen).toEqual(['keydown', 'keydown', 'keydown']);
    expect(page.dialog.requests).toEqual([]);
    expect(page.outcomes).toEqual([]);
  });

  it('ignores an empty composer and other keys', () => {
    const page = chatPage(ALONE);
    page.type('   ');
    expect(page.enter().defaultPrevented).toBe(false);
    page.type(WITH_PNR);
    expect(page.enter({ key: 'a', keyCode: 65 }).defaultPrevented).toBe(false);
    expect(page.dialog.requests).toEqual([]);
  });

  it('holds a second send while the dialog is open and shows the dialog again', () => {
    const page = chatPage(ALONE);
    page.type(WITH_PNR);
    page.enter();
    page.type(CLEAN); // even a clean text waits for the open dialog
    const second = page.enter();
    expect(second.defaultPrevented).toBe(true);
    expect(page.sent).toEqual([]);
    expect(page.dialog.requests).toHaveLength(1);
    expect(page.dialog.restored).toBe(1);
  });
});

describe('PromptGuard: the send control and the form', () => {
  it('stops a click on the send button when the prompt has a finding', () => {
    const page = chatPage(IN_FORM);
    page.type(WITH_PNR);
    const e = page.click();
    expect(e.defaultPrevented).toBe(true);
    expect(page.seen).toEqual([]);
    expect(page.sent).toEqual([]);
    expect(page.dialog.last.result?.decision).toBe('block');
    expect(outcomeNames(page)).toEqual(['blocked']);
  });

  it('lets a click through when the prompt is clean', () => {
    const page = chatPage(IN_FORM);
    page.type(CLEAN);
    expect(page.click().defaultPrevented).toBe(false);
    expect(page.sent).toEqual([CLEAN]);
    expect(page.dialog.requests).toEqual([]);
  });

  it('stops a form submit with a finding (a page that calls requestSubmit)', () => {
    const page = chatPage(IN_FORM);
    page.type(WITH_PNR);
    const e = new base.Event('submit', { bubbles: true, cancelable: true });
    page.doc.querySelector('form')!.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(true);
    expect(page.seen).toEqual([]);
    expect(page.dialog.last.mode).toBe('send');
  });
});

describe('PromptGuard: pasting', () => {
  it('stops a paste with a finding, shows the dialog and leaves the composer as it was', () => {
    const page = chatPage(ALONE);
    page.type('Hej! ');
    const e = page.paste(WITH_PNR);
    expect(e.defaultPrevented).toBe(true);
    expect(page.seen).toEqual([]);
    expect(page.dialog.last.mode).toBe('paste');
    expect(page.dialog.last.result?.findings).toContainEqual(expect.objectContaining({ category: 'personnummer', text: PNR }));
    expect(page.composer.value).toBe('Hej! ');
    expect(outcomeNames(page)).toEqual(['blocked']);
  });

  it('lets a clean paste through to the page', () => {
    const page = chatPage(ALONE);
    const e = page.paste(CLEAN);
    expect(e.defaultPrevented).toBe(false);
    expect(page.seen).toEqual(['paste']);
    expect(page.dialog.requests).toEqual([]);
  });

  it('"mask" on a stopped paste inserts the masked text at the caret, without the number', async () => {
    const page = chatPage(ALONE);
    page.type('Hej! ');
    page.paste(WITH_PNR);
    page.dialog.last.onMask!();
    // The names beside the findings come from the background: masking waits for them.
    await vi.waitFor(() => expect(page.dialog.isOpen).toBe(false));
    expect(page.composer.value).toBe('Hej! Skriv ett avslag till sökanden med personnummer [PERSONNUMMER 1]');
    expect(page.dialog.isOpen).toBe(false);
    expect(page.seen).toEqual([]); // inserted by the guard itself, not pasted to the page again
    expect(outcomeNames(page)).toEqual(['blocked', 'masked']);
  });

  it('"send anyway" on a warned paste inserts the text as it was', () => {
    const page = chatPage(ALONE, { mode: 'warn' });
    page.paste(WITH_PNR);
    page.dialog.last.onProceed!();
    expect(page.composer.value).toBe(WITH_PNR);
    expect(outcomeNames(page)).toEqual(['warned', 'sent-anyway']);
  });

  it('holds a pasted text file with a personnummer; a clean one is handed to the page again', async () => {
    const page = chatPage(ALONE);
    const risky = new File([`Ärende\n${PNR}\n`], 'utdrag.txt', { type: 'text/plain' });
    const e = page.paste('', [risky]);
    expect(e.defaultPrevented).toBe(true);
    expect(page.seen).toEqual([]);
    await vi.waitFor(() => expect(page.dialog.requests).toHaveLength(1));
    expect(page.dialog.last.mode).toBe('upload');
    expect(page.dialog.last.result?.findings).toContainEqual(expect.objectContaining({ category: 'personnummer' }));
    expect(page.seen).toEqual([]);

    page.dialog.close();
    // Every paste that reaches the composer: the user's and the guard's one replay. A guard that
    // checked its own replay again would hold it for ever (and, as file reads resolve in microtasks
    // here, starve the test's timers): after a few rounds it is uninstalled so the test fails instead.
    let pastes = 0;
    page.composer.addEventListener('paste', () => {
      if (++pastes > 4) page.guard.uninstall(page.dom);
    });
    const clean = new File([CLEAN], 'inbjudan.txt', { type: 'text/plain' });
    expect(page.paste('', [clean]).defaultPrevented).toBe(true); // held while it is read
    await vi.waitFor(() => expect(page.seen).toEqual(['paste']));
    expect(pastes).toBe(2);
    expect(page.dialog.requests).toHaveLength(1);
  });
});

describe('PromptGuard: "this is wrong" and the reasons for sending anyway', () => {
  it('on a warning that may be overridden, a false-alarm report is counted and the prompt goes, with reason false-alarm', async () => {
    const page = chatPage(ALONE, { mode: 'warn' });
    page.type(WITH_PNR);
    page.enter();
    page.dialog.last.onFalseAlarm!();
    expect(page.dialog.isOpen).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([WITH_PNR]);
    expect(page.outcomes).toEqual([
      { outcome: 'warned', categories: expect.arrayContaining(['personnummer']) },
      { outcome: 'false-alarm', categories: expect.arrayContaining(['personnummer']) },
      { outcome: 'sent-anyway', categories: expect.arrayContaining(['personnummer']), reason: 'false-alarm' },
    ]);
  });

  it('on a block, the report is counted but nothing is sent: the dialog stays, says so, and offers no second report', async () => {
    const page = chatPage(ALONE);
    page.type(WITH_PNR);
    page.enter();
    page.dialog.last.onFalseAlarm!();
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([]);
    expect(page.dialog.isOpen).toBe(true);
    expect(page.dialog.last.falseAlarmReported).toBe(true);
    expect(page.dialog.last.onFalseAlarm).toBeUndefined();
    expect(page.dialog.last.onProceed).toBeUndefined();
    expect(outcomeNames(page)).toEqual(['blocked', 'false-alarm']);
  });

  it('on a warning the policy does not let through, the report sends nothing either', async () => {
    const policy = resolvePolicy({ version: 1, categories: { health: { action: 'warn', allowOverride: false } } }, {});
    const page = chatPage(ALONE, { policy });
    page.type('Min kollega har diabetes och är sjukskriven, skriv ett mejl till chefen om det');
    page.enter();
    expect(page.dialog.last.result?.decision).toBe('warn');
    expect(page.dialog.last.onProceed).toBeUndefined();
    page.dialog.last.onFalseAlarm!();
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([]);
    expect(page.dialog.last.falseAlarmReported).toBe(true);
    expect(outcomeNames(page)).toEqual(['warned', 'false-alarm']);
  });

  it('the reason chosen for "send anyway" is counted with it; the employee\'s own words are never asked of the guard', async () => {
    const policy = resolvePolicy({ version: 1, categories: { personnummer: { action: 'warn', requireJustification: true } } }, {});
    const page = chatPage(ALONE, { policy });
    page.type(WITH_PNR);
    page.enter();
    expect(page.dialog.last.requireJustification).toBe(true);
    page.dialog.last.onProceed!('fictitious');
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([WITH_PNR]);
    expect(page.outcomes.at(-1)).toEqual({ outcome: 'sent-anyway', categories: expect.arrayContaining(['personnummer']), reason: 'fictitious' });
  });
});

describe('PromptGuard: what the user chooses in the dialog', () => {
  it('"edit" leaves the text, selects the number, sends nothing and counts the edit', async () => {
    const page = chatPage(ALONE);
    page.type(WITH_PNR);
    page.enter();
    page.dialog.last.onEdit();
    await vi.advanceTimersByTimeAsync(500);
    expect(page.composer.value).toBe(WITH_PNR);
    expect(page.dialog.isOpen).toBe(false);
    const at = WITH_PNR.indexOf(PNR);
    expect([page.composer.selectionStart, page.composer.selectionEnd]).toEqual([at, at + PNR.length]);
    expect(page.sent).toEqual([]);
    expect(outcomeNames(page)).toEqual(['blocked', 'edited']);
  });

  it('"send anyway" on a warning replays the send once through the Enter key', async () => {
    const page = chatPage(ALONE, { mode: 'warn' });
    page.type(WITH_PNR);
    page.enter();
    page.dialog.last.onProceed!();
    expect(page.dialog.isOpen).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([WITH_PNR]);
    expect(page.outcomes).toEqual([
      { outcome: 'warned', categories: expect.arrayContaining(['personnummer']) },
      { outcome: 'sent-anyway', categories: expect.arrayContaining(['personnummer']) },
    ]);
    // The approval is used up: the same text is checked again.
    expect(page.enter().defaultPrevented).toBe(true);
    expect(page.sent).toEqual([WITH_PNR]);
    expect(page.dialog.requests).toHaveLength(2);
  });

  it('"send anyway" replays through the send button the employee pressed', async () => {
    const page = chatPage(IN_FORM, { mode: 'warn' });
    page.type(WITH_PNR);
    page.click();
    page.dialog.last.onProceed!();
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([WITH_PNR]);
    expect(page.seen).toEqual(['click']);
    expect(outcomeNames(page)).toEqual(['warned', 'sent-anyway']);
  });

  it('an approval is for the approved text only: a changed prompt is checked again', async () => {
    const page = chatPage(ALONE, { mode: 'warn' });
    page.type(WITH_PNR);
    page.enter();
    page.dialog.last.onProceed!();
    page.type(`${WITH_PNR} och en rad till`); // changed before the replay ran
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([]);
    expect(page.dialog.requests).toHaveLength(2);
    expect(page.dialog.isOpen).toBe(true);
  });

  it('"mask and send" puts the masked text in the composer and sends that', async () => {
    const page = chatPage(IN_FORM);
    page.type(WITH_PNR);
    page.click();
    page.dialog.last.onMask!();
    await vi.advanceTimersByTimeAsync(1);
    expect(page.composer.value).not.toContain(PNR);
    await vi.advanceTimersByTimeAsync(500);
    const masked = page.composer.value;
    expect(masked).toBe('Skriv ett avslag till sökanden med personnummer [PERSONNUMMER 1]');
    expect(page.sent).toEqual([masked]);
    expect(page.dialog.isOpen).toBe(false);
    expect(outcomeNames(page)).toEqual(['blocked', 'masked']);
  });
});

describe('PromptGuard: checks in the background', () => {
  it('holds a send that must be checked in the background and sends it once it comes back clean', async () => {
    const page = chatPage(ALONE, { policy: withRegexRule() });
    page.type(CLEAN);
    const e = page.enter();
    expect(e.defaultPrevented).toBe(true);
    expect(page.seen).toEqual([]);
    expect(page.checking).toEqual([true]);
    await vi.advanceTimersByTimeAsync(500);
    expect(page.background.asked).toEqual([CLEAN]);
    expect(page.checking).toEqual([true, false]);
    expect(page.sent).toEqual([CLEAN]);
    expect(page.dialog.requests).toEqual([]);
  });

  it('stops the send with a "check failed" dialog when the background fails and the policy says block', async () => {
    const background = fakeBackground(async () => ({ ok: false, error: 'scan-failed' }) as ScanReply);
    const page = chatPage(ALONE, { policy: withRegexRule(), background });
    page.type(CLEAN);
    page.enter();
    await vi.advanceTimersByTimeAsync(500);
    expect(page.sent).toEqual([]);
    expect(page.dialog.last).toMatchObject({ mode: 'send', result: null, failed: true });
    expect(page.dialog.last.onProceed).toBeUndefined();
  });
});

describe('PromptGuard.install', () => {
  it('installed twice, it checks each event once; uninstalled, it checks nothing', () => {
    const page = chatPage(ALONE); // installed once by chatPage
    page.guard.install(page.dom);
    page.type(WITH_PNR);
    page.enter();
    expect(page.dialog.requests).toHaveLength(1);
    expect(page.outcomes).toHaveLength(1);

    page.dialog.close();
    page.guard.uninstall(page.dom);
    const e = page.enter();
    expect(e.defaultPrevented).toBe(false);
    expect(page.sent).toEqual([WITH_PNR]);
    expect(page.dialog.requests).toHaveLength(1);
  });

  it('adds the same capture-phase listeners each time and uninstall removes exactly those', () => {
    // A window that keeps listeners as a browser does: one per (type, listener, capture).
    const added = new Set<string>();
    const listeners = new Map<unknown, number>();
    const idOf = (l: unknown) => listeners.get(l) ?? (listeners.set(l, listeners.size), listeners.size - 1);
    const captureOf = (o?: boolean | EventListenerOptions) => (typeof o === 'boolean' ? o : !!o?.capture);
    const target = {
      addEventListener: (type: string, l: unknown, o?: boolean | AddEventListenerOptions) => void added.add(`${type}/${idOf(l)}/${captureOf(o)}`),
      removeEventListener: (type: string, l: unknown, o?: boolean | EventListenerOptions) => void added.delete(`${type}/${idOf(l)}/${captureOf(o)}`),
    } as unknown as Window;
    const guard = new PromptGuard(new ComposerLocator(undefined, base.document), new FakeDialog(), new PromptChecker(builtInEffectivePolicy, () => 'block', fakeBackground().ask), builtInEffectivePolicy);
    guard.install(target);
    const first = [...added];
    guard.install(target);
    expect([...added]).toEqual(first);
    expect(first.map((k) => k.split('/')[0]).sort()).toEqual(
      ['change', 'click', 'drop', 'input', 'keydown', 'keyup', 'mousedown', 'mouseup', 'paste', 'pointerdown', 'pointerup', 'submit'],
    );
    expect(first.every((k) => k.endsWith('/true'))).toBe(true);
    guard.uninstall(target);
    expect(added.size).toBe(0);
  });
});
