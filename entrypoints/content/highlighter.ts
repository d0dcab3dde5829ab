/**
 * Checks the composer while the user types and paints findings with the CSS
 * Custom Highlight API: no DOM change inside the editor (ProseMirror, Lexical
 * and Quill own their DOM), no layout change. The check runs when typing
 * pauses, in idle time, never in the way of a keystroke; texts the page does
 * not check itself go to the background (prompt-checker.ts), and that result
 * is then ready when the user presses Enter. Textareas cannot be painted this
 * way; the indicator by the composer still reports what was found.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ScanResult } from '../../lib/types';
import { readText, realTarget, type ComposerLocator } from './composer';
import type { Editable } from './editable';
import type { PromptChecker } from './prompt-checker';

export const HIGHLIGHT_NAME = 'promptvakt-finding';
const PAUSE_MS = 350;
/** Longer texts are left to the check at send. */
const MAX_LIVE_CHARS = 2_000_000;

const STYLE = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(250, 204, 21, 0.45); text-decoration: underline wavy #b91c1c; }`;

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

export class Highlighter {
  private timer: number | undefined;
  private installed = false;
  private style: HTMLStyleElement | null = null;
  /** What is painted in each field (the composer, a message being edited): one field's check leaves the others' alone. */
  private readonly painted = new Map<Editable, Range[]>();

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly locator: ComposerLocator,
    private readonly checker: PromptChecker,
    private readonly options: { paint(): boolean; checked(composer: Editable, result: ScanResult | null): void },
  ) {}

  private get registry(): HighlightRegistry | undefined {
    const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
    return typeof Highlight === 'function' ? css?.highlights : undefined;
  }

  /** Adds the input listener; calling it again (after document.open() erased it) adds nothing twice. */
  install(target: Window): void {
    target.addEventListener('input', this.onInput, true);
    if (this.installed) return;
    this.installed = true;
    this.ctx.onInvalidated(() => target.removeEventListener('input', this.onInput, true));
  }

  private readonly onInput = (e: Event): void => {
    const composer = this.locator.composerFor(realTarget(e));
    if (!composer) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = this.ctx.setTimeout(() => {
      const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle(() => void this.check(composer), { timeout: 500 });
      else void this.check(composer);
    }, PAUSE_MS);
  };

  async check(composer: Editable): Promise<void> {
    if (!composer.isConnected) return;
    const text = readText(composer);
    if (text.length > MAX_LIVE_CHARS) return;
    const outcome = this.checker.checkNow(text) ?? (await this.checker.checkLater(text));
    // The check at send fails closed; painting is a convenience.
    if (!outcome.ok || readText(composer) !== text) return;
    this.options.checked(composer, outcome.result);
    if (composer instanceof HTMLTextAreaElement || composer instanceof HTMLInputElement) return;
    this.paint(composer, this.options.paint() ? outcome.result : null);
  }

  private paint(composer: Editable, result: ScanResult | null): void {
    const registry = this.registry;
    if (!registry) return;
    const values = result?.findings.filter((f) => f.action !== 'log').map((f) => f.text) ?? [];
    this.painted.set(composer, values.flatMap((value) => rangesOf(composer, value)));
    for (const field of this.painted.keys()) if (!field.isConnected) this.painted.delete(field);
    const ranges = [...this.painted.values()].flat();
    if (!ranges.length) {
      registry.delete(HIGHLIGHT_NAME);
      return;
    }
    this.addStyle(composer.ownerDocument);
    registry.set(HIGHLIGHT_NAME, new Highlight(...ranges));
  }

  private addStyle(doc: Document): void {
    // Again when the page has re-rendered its head or rewritten the document.
    if (this.style?.isConnected) return;
    const style = doc.createElement('style');
    style.dataset.promptvakt = 'highlight';
    style.textContent = STYLE;
    (doc.head ?? doc.documentElement).append(style);
    this.style = style;
  }
}

/** Every occurrence of `value` inside a single text node of the composer. */
function rangesOf(root: Element, value: string): Range[] {
  const out: Range[] = [];
  if (!value) return out;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const content = node.textContent ?? '';
    for (let at = content.indexOf(value); at >= 0; at = content.indexOf(value, at + value.length)) {
      const range = root.ownerDocument.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + value.length);
      out.push(range);
    }
  }
  return out;
}
