/**
 * Shows the real values in the AI's answer, in place of the placeholders a
 * masked prompt sent ("[PERSON 1]" → "Per Nilsson"), here in the page and
 * nowhere else. It changes the text of text nodes inside the site's answers
 * only: never inputs, editable fields, links, attributes or scripts. It
 * follows the answer while it streams in (one pass per animation frame over
 * what changed), can show the placeholders again, and gives the restored text
 * of the latest answer for Promptvakt's own copy action. The mapping lives in
 * the content script's memory (mask-session.ts) and is never written to the
 * page, to storage or to the network.
 */

import { replaceSpans } from '../../lib/redaction/restore';
import { GENERIC_ANSWERS } from '../../lib/sites/built-in-sites';

/** Where the placeholders of one text are, and what they stand for. */
export interface PlaceholderFinder {
  find(text: string): readonly { start: number; end: number; value: string }[];
  readonly size: number;
}

/** Never changed: what the page runs, what the employee edits, and links. */
const UNTOUCHABLE = 'script, style, noscript, textarea, input, select, option, a, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';

/** How long after a masked send the page may go without any answer region before the state is degraded. */
const ANSWER_EXPECTED_MS = 10_000;
/** A pause in the stream this long: what has arrived is complete. */
const SETTLE_MS = 300;

interface Restored {
  /** The node's text as the page wrote it (with the placeholders). */
  original: string;
  /** What we put in its place. */
  restored: string;
}

export interface AnswerRestorerState {
  /** Answers with restored values, on this page now. */
  restoredCount: number;
  /** Placeholders are shown (the employee switched restoring off). */
  showingPlaceholders: boolean;
  /** A masked prompt was sent, but no answer region can be found on this page. */
  degraded: boolean;
}

export class AnswerRestorer {
  private readonly restored = new WeakMap<Text, Restored>();
  /** Every text node we changed, to switch back (a WeakMap cannot be walked). */
  private readonly touched = new Set<WeakRef<Text>>();
  private observer: MutationObserver | null = null;
  private pending = new Set<Node>();
  private frame = 0;
  private showPlaceholders = false;
  private maskedAt = 0;
  private degradedCheck: ReturnType<typeof setTimeout> | undefined;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private onChange: (state: AnswerRestorerState) => void = () => {};

  constructor(
    private readonly doc: Document,
    /** Selectors of the site's answers (rules/sites.json), most specific first. */
    private readonly answerSelectors: readonly string[],
    private readonly finder: () => PlaceholderFinder | null,
  ) {}

  /** Starts following the page (idempotent). */
  start(onChange: (state: AnswerRestorerState) => void): void {
    this.onChange = onChange;
    if (this.observer) return;
    this.observer = new MutationObserver((records) => {
      for (const r of records) this.pending.add(r.target);
      this.schedule();
    });
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
  }

  stop(): void {
    clearTimeout(this.degradedCheck);
    clearTimeout(this.settle);
    this.observer?.disconnect();
    this.observer = null;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /**
   * A masked prompt was sent: look at the whole page once (answers may already
   * be there), and again when an answer should have come: without any answer
   * region by then, the state is degraded.
   */
  refresh(): void {
    this.maskedAt = Date.now();
    this.pending.add(this.doc.documentElement);
    this.schedule();
    clearTimeout(this.degradedCheck);
    this.degradedCheck = setTimeout(() => this.report(), ANSWER_EXPECTED_MS + 50);
  }

  /** Shows the placeholders again (true) or the real values (false). */
  setShowPlaceholders(show: boolean): void {
    this.showPlaceholders = show;
    this.observer?.takeRecords();
    if (show) {
      for (const ref of this.touched) {
        const node = ref.deref();
        if (!node) {
          this.touched.delete(ref);
          continue;
        }
        const text = this.pageText(node);
        node.data = text;
        this.restored.delete(node);
      }
      this.touched.clear();
    }
    this.observer?.takeRecords();
    if (!show) this.refresh();
    this.report();
  }

  /** The text of the latest answer with the real values, for Promptvakt's own copy action. */
  latestAnswerText(): string | null {
    const answers = this.answers(this.doc.documentElement);
    const last = answers[answers.length - 1];
    if (!last) return null;
    const finder = this.finder();
    const text = (last as HTMLElement).innerText ?? last.textContent ?? "";
    return finder ? replaceAll(text, finder) : text;
  }

  private schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.process(false);
      });
    }
    // When the stream pauses, a placeholder at the very end of a text is complete: restore it too.
    clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.pending.add(this.doc.documentElement);
      this.process(true);
    }, SETTLE_MS);
  }

  /**
   * Restores what changed. While text streams in (`settled` false) a
   * placeholder that ends where its text node ends may be incomplete
   * ("[PERSONNUMMER 1" before its "]"): it waits until the stream pauses.
   */
  private process(settled: boolean): void {
    const roots = [...this.pending];
    this.pending.clear();
    const finder = this.finder();
    if (!finder || finder.size === 0 || this.showPlaceholders) return;
    const answers = new Set<Element>();
    for (const root of roots) {
      const el = root instanceof Element ? root : root.parentElement;
      if (!el?.isConnected) continue;
      const inside = this.answerAround(el);
      // In a site's answer the whole answer is looked at (a placeholder may straddle what changed);
      // in the transcript region (no adapter selectors) only what changed, not the whole conversation.
      if (inside) answers.add(GENERIC_ANSWERS.includes(inside.selector) ? el : inside.element);
      else for (const a of this.answers(el)) answers.add(a);
    }
    for (const answer of answers) this.restoreIn(answer, finder, settled);
    // Our own changes are not news.
    this.observer?.takeRecords();
    this.report();
  }

  private restoreIn(answer: Element, finder: PlaceholderFinder, settled: boolean): void {
    const walker = this.doc.createTreeWalker(answer, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (node.parentElement?.closest(UNTOUCHABLE)) continue;
      const original = this.pageText(node);
      const found = finder.find(original).filter((f) => settled || f.end < original.length);
      const restored = replaceSpans(original, found);
      if (restored === node.data) continue;
      node.data = restored;
      if (restored === original) {
        this.restored.delete(node);
        continue;
      }
      if (!this.restored.has(node)) this.touched.add(new WeakRef(node));
      this.restored.set(node, { original, restored });
    }
  }

  /**
   * The node's text as the page wrote it. The page may have appended to our
   * restored text (a stream writes into the same node): what it appended
   * follows what we wrote. Any other change replaced our text entirely.
   */
  private pageText(node: Text): string {
    const record = this.restored.get(node);
    if (!record) return node.data;
    if (node.data.startsWith(record.restored)) return record.original + node.data.slice(record.restored.length);
    return node.data;
  }

  /** The answer element holding `el`, if any, and the selector that found it. */
  private answerAround(el: Element): { element: Element; selector: string } | null {
    for (const selector of this.answerSelectors) {
      const found = el.closest(selector);
      if (found) return { element: found, selector };
    }
    return null;
  }

  /** The answer elements inside `root` (the first selector that finds any). */
  private answers(root: Element): Element[] {
    for (const selector of this.answerSelectors) {
      const found = root.querySelectorAll(selector);
      if (found.length) return [...found];
    }
    return [];
  }

  /**
   * Whether the site's answers can be found: by the site adapter's own
   * selectors when it has some (otherwise the site changed its markup, and
   * only the transcript region is left to restore in), else by the
   * transcript region.
   */
  private answersFound(): boolean {
    const own = this.answerSelectors.filter((s) => !GENERIC_ANSWERS.includes(s));
    const selectors = own.length ? own : this.answerSelectors;
    return selectors.some((s) => this.doc.querySelector(s) !== null);
  }

  private report(): void {
    let restoredCount = 0;
    for (const ref of this.touched) if (ref.deref()?.isConnected) restoredCount++;
    const degraded = (this.finder()?.size ?? 0) > 0 && Date.now() - this.maskedAt > ANSWER_EXPECTED_MS && !this.answersFound();
    this.onChange({ restoredCount, showingPlaceholders: this.showPlaceholders, degraded });
  }
}

function replaceAll(text: string, finder: PlaceholderFinder): string {
  return replaceSpans(text, finder.find(text));
}
