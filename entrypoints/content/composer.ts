/**
 * Finding a site's composer and send control, and reading and writing its
 * text through the editor's own input path (so ProseMirror, Quill, Lexical
 * and React keep their state in step with what is shown).
 */
import type { SiteAdapter } from '../../lib/sites/built-in-sites';

const GENERIC_COMPOSER = ['textarea', "[contenteditable='true']", "[contenteditable='']", "[contenteditable='plaintext-only']"];

export type Editable = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

function isVisible(el: Element): boolean {
  return el.getClientRects().length > 0;
}

function isEditable(el: Element): el is Editable {
  if (el instanceof HTMLTextAreaElement) return !el.disabled && !el.readOnly;
  return el instanceof HTMLElement && el.isContentEditable;
}

export class ComposerLocator {
  private cached: Editable | null = null;

  constructor(
    private readonly site: SiteAdapter | undefined,
    private readonly doc: Document = document,
  ) {}

  /** The composer for an event target, or null when the target is elsewhere. */
  composerFor(target: EventTarget | null): Editable | null {
    if (!(target instanceof Node)) return null;
    const composer = this.site ? this.find() : null;
    if (composer) return composer === target || composer.contains(target) ? composer : null;
    // Generic adapter, and the fallback when a site's composer cannot be found
    // (protection degraded): the editable element the user is in.
    const el = target instanceof Element ? target : target.parentElement;
    const editable = el?.closest(GENERIC_COMPOSER.join(','));
    return editable && isEditable(editable) ? editable : null;
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

  sendControl(composer: Editable): HTMLElement | null {
    if (!this.site) return composer.closest('form')?.querySelector<HTMLElement>("button[type='submit'], button:not([type])") ?? null;
    const root = (this.site.scope && composer.closest(this.site.scope)) || this.doc;
    for (const selector of this.site.send) {
      const el = root.querySelector<HTMLElement>(selector);
      if (el) return el;
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
