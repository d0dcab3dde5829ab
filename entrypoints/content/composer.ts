/**
 * Finding a site's composer and send control, and reading and writing its
 * text through the editor's own input path (so ProseMirror, Quill, Lexical
 * and React keep their state in step with what is shown).
 */
import type { SiteAdapter } from '../../lib/sites/built-in-sites';
import { EDITABLE_SELECTOR, isEditable, isVisible, type Editable } from './editable';
import { isSendCandidate } from './send-controls';

/** The tag of Promptvakt's own UI host (dialog-host.tsx): nothing inside it is a composer or a send control. */
const OWN_UI_HOST = 'PROMPTVAKT-DIALOG';

/**
 * Where an event really happened. Inside an open shadow root (a composer in a
 * web component) the window sees the event retargeted to the component; the
 * composed path still starts at the element itself. Closed shadow roots stay
 * closed: there it is the host, as before.
 */
export function realTarget(e: Event): EventTarget | null {
  return e.composedPath()[0] ?? e.target;
}

/** Inside Promptvakt's own dialog or indicator (its shadow root)? */
export function inOwnUi(node: Node): boolean {
  for (let root = node.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
    if (root.host.tagName === OWN_UI_HOST) return true;
  }
  return false;
}

export class ComposerLocator {
  private cached: Editable | null = null;

  constructor(
    private readonly site: SiteAdapter | undefined,
    private readonly doc: Document = document,
  ) {}

  /**
   * The composer for an event target, or null when the target is not in an
   * editable field: the site's composer, or else the editable element the
   * user is in. That is every field on a site without an adapter; on a site
   * with one, the fallback when its composer cannot be found (protection
   * degraded) and the page's other message boxes: a message being edited, a
   * reply box. Text typed there reaches the site as well.
   */
  composerFor(target: EventTarget | null): Editable | null {
    if (!(target instanceof Node) || inOwnUi(target)) return null;
    const composer = this.site ? this.find() : null;
    if (composer && (composer === target || composer.contains(target))) return composer;
    const el = target instanceof Element ? target : target.parentElement;
    const editable = el?.closest(EDITABLE_SELECTOR);
    return editable && isEditable(editable) ? editable : null;
  }

  /** The composer a form submits: the site's, else the form's field the user is in, else its first one. */
  composerIn(form: HTMLFormElement): Editable | null {
    const composer = this.site ? this.find() : null;
    if (composer && form.contains(composer)) return composer;
    return this.fieldIn(form);
  }

  /** The editable field in `root` the user is in, else its first visible one. */
  private fieldIn(root: Element): Editable | null {
    const active = root.ownerDocument.activeElement;
    const inUse = active && root.contains(active) ? this.composerFor(active) : null;
    if (inUse && root.contains(inUse)) return inUse;
    for (const field of root.querySelectorAll(EDITABLE_SELECTOR)) {
      if (isEditable(field) && isVisible(field)) return field;
    }
    return null;
  }

  /** The site's composer; re-found when the page has replaced it. */
  find(): Editable | null {
    if (this.cached?.isConnected && isVisible(this.cached)) return this.cached;
    this.cached = null;
    if (!this.site) return null;
    for (const selector of this.site.composer) {
      for (const el of this.doc.querySelectorAll(selector)) {
        if (!isEditable(el) || !isVisible(el)) continue;
        if (this.site.scope) {
          const scope = el.closest(this.site.scope);
          if (!scope || !this.site.send.some((s) => scope.querySelector(s))) continue;
        }
        this.cached = el;
        return el;
      }
    }
    return null;
  }

  /** Is this click target the send control (or inside it)? */
  isSendControl(target: EventTarget | null): boolean {
    if (!this.site || !(target instanceof Element)) return false;
    const control = target.closest(this.site.send.join(','));
    if (!control) return false;
    if (!this.site.scope) return true;
    const composer = this.find();
    return !!composer && !!composer.closest(this.site.scope)?.contains(control);
  }

  /**
   * The adapter's send control for this composer, when it is verified to send
   * it (same form or section, visible, enabled, not an upload control); null
   * means "press Enter in it". Of several matches the last one in the page
   * wins: a send control follows the attachment controls of its composer.
   * `evenDisabled`: also one that is disabled now (the watchdog asks whether
   * the page still has its send control at all).
   */
  sendControl(composer: Editable, evenDisabled = false): HTMLElement | null {
    if (!this.site || this.find() !== composer) return null;
    const root = (this.site.scope && composer.closest(this.site.scope)) || this.doc;
    for (const selector of this.site.send) {
      const matches = [...root.querySelectorAll<HTMLElement>(selector)].filter((el) => isSendCandidate(el, composer, evenDisabled));
      if (matches.length) return matches[matches.length - 1]!;
    }
    return null;
  }
}

export function readText(el: Editable): string {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
  return el.innerText;
}

/**
 * Replaces the composer's whole text the way a user would: select all, then
 * insert. Multi-line text goes in as a paste of plain text, which every editor
 * turns into its own paragraphs.
 */
export function writeText(el: Editable, text: string): void {
  el.focus();
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    el.select();
    if (!document.execCommand('insertText', false, text)) {
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
      setter?.call(el, text);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return;
  }
  const selection = el.ownerDocument.getSelection();
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  selection?.removeAllRanges();
  selection?.addRange(range);
  // Editors (ProseMirror, Lexical) take the selection into their own state on
  // 'selectionchange', which the browser fires only later: without it the paste
  // below lands at the old caret and the editor holds the old text and the new.
  el.ownerDocument.dispatchEvent(new Event('selectionchange'));
  insertAtSelection(el, text);
}

/**
 * Inserts text at the composer's selection the way a user would: typed text
 * for a single line (and always in a textarea), a plain-text paste otherwise,
 * which every rich editor turns into its own paragraphs.
 */
export function insertAtSelection(el: Editable, text: string): void {
  el.focus();
  const plainField = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
  if ((plainField || !text.includes('\n')) && document.execCommand('insertText', false, text)) return;
  const data = new DataTransfer();
  data.setData('text/plain', text);
  el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

/** Puts the caret on (and selects) the first occurrence of `value` in the composer. */
export function selectText(el: Editable, value: string): void {
  el.focus();
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    const at = el.value.indexOf(value);
    if (at >= 0) el.setSelectionRange(at, at + value.length);
    return;
  }
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent?.indexOf(value) ?? -1;
    if (at < 0) continue;
    const range = el.ownerDocument.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + value.length);
    const selection = el.ownerDocument.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return;
  }
}
