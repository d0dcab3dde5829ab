/**
 * The mock pages answer like the real chat sites: after each send the page
 * appends the user's message to its transcript, waits, then streams an
 * assistant answer into the site's answer markup (text appended chunk by
 * chunk, new `<p>`s for paragraphs, `<strong>` for bold, as markdown
 * renderers do), and shows a Copy control once the answer is complete.
 * What is answered: ./answer-text.ts. Each page supplies the site's markup
 * through {@link TranscriptMarkup}.
 *
 * Query parameters: `?answer-delay=MS` (default 300) before the answer
 * starts, `?answer-interval=MS` (default 50) between chunks, `?alter=1`
 * alters the echoed placeholders.
 *
 * Globals: `window.__answers` (each complete answer as the page composed it, its markdown),
 * `window.__copied` (each text the Copy controls copied); events
 * `mock-answer` and `mock-copy` on document (detail `{ text }`).
 */
import { answerChunks, answerMarkdown, composeAnswer } from './answer-text';
import { mockWindow } from './common';

/** One assistant answer as the page rendered it, still streaming. */
export interface AnswerSlot {
  /** The answer element: the page's documented answer selector matches it; Copy copies the composed answer (markdown), not the DOM. */
  answer: HTMLElement;
  /** Where the streamed `<p>`s go (inside `answer`); defaults to `answer`. */
  body?: HTMLElement;
  /** Streaming is over: turn the site's streaming markers off, mount the action bar, return its Copy control. */
  finish(): HTMLElement;
}

/** The site-specific markup of a page's transcript. */
export interface TranscriptMarkup {
  /** The transcript's scroll container, kept scrolled to the bottom while answers stream. */
  scroller: HTMLElement;
  /** Appends the user's message (`exchange` counts sends from 1). */
  user(text: string, exchange: number): void;
  /** Appends an empty assistant answer in its streaming state. */
  assistant(exchange: number): AnswerSlot;
}

function msParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : fallback;
}

/** The answer options of the page's address. */
export function answerOptions(search = location.search): { delay: number; interval: number; alter: boolean } {
  const params = new URLSearchParams(search);
  const alter = params.get('alter');
  return {
    delay: msParam(params, 'answer-delay', 300),
    interval: msParam(params, 'answer-interval', 50),
    alter: alter !== null && alter !== '0' && alter !== 'false',
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Renders streamed markdown (paragraphs split by a blank line, `**bold**`)
 * into `body` the way streaming markdown renderers do: text is appended to
 * the current paragraph's last text node, a blank line starts a new `<p>`,
 * `**` opens or closes a `<strong>`. A chunk ending in what may be the first
 * half of a marker (`*`, `\n`) keeps it back until the next chunk.
 */
export class StreamingMarkdown {
  private paragraph: HTMLParagraphElement | null = null;
  private strong: HTMLElement | null = null;
  private pending = '';

  constructor(private readonly body: HTMLElement) {}

  write(chunk: string): void {
    let text = this.pending + chunk;
    this.pending = '';
    const hold = /(?<!\*)\*$|(?<!\n)\n$/.exec(text);
    if (hold) {
      this.pending = hold[0];
      text = text.slice(0, -hold[0].length);
    }
    this.render(text);
  }

  /** The stream is over: whatever was kept back is text. */
  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (rest) this.appendText(rest);
  }

  private render(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (text.startsWith('\n\n', i)) {
        this.paragraph = null;
        this.strong = null;
        i += 2;
      } else if (text.startsWith('**', i)) {
        if (this.strong) this.strong = null;
        else {
          this.strong = document.createElement('strong');
          this.ensureParagraph().append(this.strong);
        }
        i += 2;
      } else {
        let end = text.length;
        for (const marker of ['\n\n', '**']) {
          const at = text.indexOf(marker, i);
          if (at !== -1 && at < end) end = at;
        }
        this.appendText(text.slice(i, end));
        i = end;
      }
    }
  }

  private ensureParagraph(): HTMLParagraphElement {
    if (!this.paragraph) {
      this.paragraph = document.createElement('p');
      this.body.append(this.paragraph);
    }
    return this.paragraph;
  }

  private appendText(text: string): void {
    if (!text) return;
    const target = this.strong ?? this.ensureParagraph();
    const last = target.lastChild;
    if (last instanceof Text) last.appendData(text);
    else target.append(document.createTextNode(text));
  }
}

/** Two overlapping sheets: the copy icon the sites use. */
export function copyIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  for (const d of ['M7 7h9v10H7z', 'M4 13V3h9']) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '1.6');
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke-linejoin', 'round');
    svg.append(path);
  }
  return svg;
}

/**
 * Copies the answer as the page holds it (its markdown, not what the DOM shows,
 * as the real sites copy from their own state): `window.__copied`, a
 * `mock-copy` event, navigator.clipboard.
 */
function copyAnswer(text: string): void {
  (mockWindow.__copied ??= []).push(text);
  document.dispatchEvent(new CustomEvent('mock-copy', { detail: { text } }));
  // The clipboard may refuse (no permission, page not focused): the record above stands.
  navigator.clipboard?.writeText(text).catch(() => undefined);
}

function wireCopy(control: HTMLElement, text: string): void {
  control.dataset.mockCopy = '';
  control.addEventListener('click', () => copyAnswer(text));
  if (!(control instanceof HTMLButtonElement)) {
    // div[role=button]: Enter and Space activate it, as a button does.
    control.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      copyAnswer(text);
    });
  }
}

/**
 * Mounts the answering behaviour; returns `respond(sentText)` for the page
 * to call after each send. Exchanges run one after another: a send made
 * while an answer streams shows its message and answer once that answer is
 * complete, so the transcript always reads user, assistant, user, assistant.
 */
export function mountTranscript(markup: TranscriptMarkup): (text: string) => void {
  const { delay, interval, alter } = answerOptions();
  mockWindow.__answers ??= [];
  mockWindow.__copied ??= [];
  let exchanges = 0;
  let queue = Promise.resolve();
  const scroll = () => {
    markup.scroller.scrollTop = markup.scroller.scrollHeight;
  };

  const exchange = async (text: string): Promise<void> => {
    const n = ++exchanges;
    markup.user(text, n);
    scroll();
    await sleep(delay);
    const slot = markup.assistant(n);
    slot.answer.dataset.mockAnswer = 'streaming';
    const writer = new StreamingMarkdown(slot.body ?? slot.answer);
    const blocks = composeAnswer(text, alter);
    const composed = answerMarkdown(blocks);
    const chunks = answerChunks(blocks);
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) await sleep(interval);
      writer.write(chunk);
      scroll();
    }
    writer.end();
    slot.answer.dataset.mockAnswer = 'done';
    wireCopy(slot.finish(), composed);
    scroll();
    // The page's own record of the answer: what the model sent, not what the DOM shows now.
    mockWindow.__answers!.push(composed);
    document.dispatchEvent(new CustomEvent('mock-answer', { detail: { text: composed } }));
  };

  return (text: string) => {
    queue = queue.then(() => exchange(text)).catch((error: unknown) => reportError(error));
  };
}

/** `document.createElement` with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string>, ...children: (Node | string)[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}
