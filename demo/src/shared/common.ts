/**
 * Shared helpers for the offline mock chat pages (bundled into each page by
 * build.ts; not an entry of its own).
 *
 * Every page records what it "sent" in `window.__sent` and shows it in
 * `<ul id="sent">`; file uploads go to `window.__uploads` and `<ul id="uploads">`.
 */

export interface MockUpload {
  name: string;
  text: string;
  /** 'input' (file picker + upload button), 'drop' or 'paste' (on the composer). */
  via: 'input' | 'drop' | 'paste';
}

/** The globals each mock page defines. Tests cast `window` to this type. */
export interface MockWindow extends Window {
  __sent: string[];
  __uploads: MockUpload[];
  /** Name of the mock site (`chatgpt`, `claude`, …); set once the page has mounted. */
  __mockSite?: string;
  /** True once the page's composer (if any) is mounted and ready for input. */
  __ready?: boolean;
  /** Pages that answer (shared/answer.ts): each complete answer's textContent, in order. */
  __answers?: string[];
  /** Pages that answer: each text an answer's Copy control copied, in order. */
  __copied?: string[];
}

export const mockWindow = window as unknown as MockWindow;

mockWindow.__sent ??= [];
mockWindow.__uploads ??= [];

function listById(id: string): HTMLUListElement | null {
  const el = document.getElementById(id);
  return el instanceof HTMLUListElement ? el : null;
}

/** Records a sent prompt: `window.__sent` + a `<li>` whose textContent is exactly the prompt. */
export function recordSent(text: string): void {
  mockWindow.__sent.push(text);
  const li = document.createElement('li');
  li.textContent = text;
  listById('sent')?.append(li);
  document.dispatchEvent(new CustomEvent('mock-sent', { detail: { text } }));
}

/** Records an uploaded file: `window.__uploads` + a `<li>` in `<ul id="uploads">`. */
export function recordUpload(upload: MockUpload): void {
  mockWindow.__uploads.push(upload);
  const li = document.createElement('li');
  li.textContent = `${upload.name} (${upload.text.length} tecken, ${upload.via})`;
  listById('uploads')?.append(li);
  document.dispatchEvent(new CustomEvent('mock-upload', { detail: upload }));
}

/**
 * True for an Enter keydown that belongs to an IME composition. Chromium sets
 * `isComposing`; Safari (and some IMEs) only report keyCode 229.
 */
export function isImeKeydown(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** A plain Enter (no Shift/Ctrl/Alt/Meta) that is not part of an IME composition. */
export function isPlainEnter(event: KeyboardEvent): boolean {
  return (
    event.key === 'Enter' &&
    !event.shiftKey &&
    !event.ctrlKey &&
    !event.altKey &&
    !event.metaKey &&
    !isImeKeydown(event)
  );
}

/** Paper-plane icon like the ones real composers use; returns an `<svg>` element. */
export function sendIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M10 16V4M10 4l-5 5M10 4l5 5');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke-linecap', 'round');
  svg.append(path);
  return svg;
}

/** `?delay=MS` in the page URL postpones mounting the composer (SPA hydration). */
export function mountDelay(): number {
  const raw = new URLSearchParams(location.search).get('delay');
  const ms = raw === null ? 0 : Number(raw);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** Runs `mount` now, or after `?delay=MS`, then marks the page ready. */
export function mountWhenReady(site: string, mount: () => void): void {
  const run = () => {
    mount();
    mockWindow.__mockSite = site;
    mockWindow.__ready = true;
    document.documentElement.dataset.mockReady = 'true';
  };
  const delay = mountDelay();
  if (delay > 0) setTimeout(run, delay);
  else run();
}

/** document.getElementById that throws when the element is missing (page markup bug). */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`mock page: #${id} missing or not a ${type.name}`);
  return el;
}
