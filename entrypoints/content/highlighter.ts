/**
 * Paints findings in the composer while the user types, with the CSS Custom
 * Highlight API: no DOM change inside the editor (ProseMirror, Lexical and
 * Quill own their DOM), no layout change. The scan runs when typing pauses,
 * in idle time, never in the way of a keystroke. Textareas cannot be painted
 * this way; there the check at send is what counts.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectionPolicy } from '../../lib/policy/default-policy';
import { scan } from '../../lib/scan';
import { readText, type ComposerLocator, type Editable } from './composer';

export const HIGHLIGHT_NAME = 'promptvakt-finding';
const PAUSE_MS = 350;
/** Longer texts are left to the check at send (and to idle time there). */
const MAX_LIVE_CHARS = 200_000;

const STYLE = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(250, 204, 21, 0.45); text-decoration: underline wavy #b91c1c; }`;

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

export class Highlighter {
  private timer: number | undefined;
  private styled = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly locator: ComposerLocator,
    private readonly policy: () => DetectionPolicy,
  ) {}

  private get registry(): HighlightRegistry | undefined {
    const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
    return typeof Highlight === 'function' ? css?.highlights : undefined;
  }

  install(target: Window): void {
    if (!this.registry) return;
    target.addEventListener('input', this.onInput, true);
    this.ctx.onInvalidated(() => target.removeEventListener('input', this.onInput, true));
  }

  private readonly onInput = (e: Event): void => {
    const composer = this.locator.composerFor(e.target);
    if (!composer || composer instanceof HTMLTextAreaElement || composer instanceof HTMLInputElement) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = this.ctx.setTimeout(() => {
      const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle(() => this.paint(composer), { timeout: 500 });
      else this.paint(composer);
    }, PAUSE_MS);
  };

  paint(composer: Editable): void {
    const registry = this.registry;
    if (!registry || !composer.isConnected) return;
    const text = readText(composer);
    if (text.length > MAX_LIVE_CHARS) return;
    let values: string[];
    try {
      values = scan(text, { policy: this.policy() })
        .findings.filter((f) => f.action !== 'inform')
        .map((f) => f.text);
    } catch {
      return; // the check at send fails closed; painting is a convenience
    }
    const ranges = values.flatMap((value) => rangesOf(composer, value));
    if (!ranges.length) {
      registry.delete(HIGHLIGHT_NAME);
      return;
    }
    this.addStyle(composer.ownerDocument);
    registry.set(HIGHLIGHT_NAME, new Highlight(...ranges));
  }

  private addStyle(doc: Document): void {
    if (this.styled) return;
    const style = doc.createElement('style');
    style.dataset.promptvakt = 'highlight';
    style.textContent = STYLE;
    (doc.head ?? doc.documentElement).append(style);
    this.styled = true;
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
