/**
 * A hostile page script (robust-spa.html loads it first, not deferred; it does
 * nothing without `?hostile=1`). It tries every page-side trick to keep a
 * browser extension from seeing what is typed and sent, and sends anyway:
 *
 * - the prototypes' text getters return '' (HTMLTextAreaElement.value,
 *   HTMLInputElement.value, Node.textContent, HTMLElement.innerText,
 *   DataTransfer.getData); the page saves the originals on `window.__native`
 *   (shared/native-readers.ts) to read its own fields;
 * - capture-phase listeners on window and on document for keydown, paste,
 *   click and submit call stopImmediatePropagation() and preventDefault(),
 *   then do the page's work themselves (Enter / the send button send through
 *   `window.__app.send()`; a paste is inserted with execCommand), so no later
 *   listener sees the event;
 * - `window.__hostile.clickSend()`, `.enter()` and `.submit()` dispatch
 *   synthetic (isTrusted=false) events at the send button, the composer and
 *   its form, as a script replaying a send would.
 *
 * Content scripts run in an isolated world with their own prototypes and
 * register their listeners at document_start, before any page script: none of
 * this may let a personnummer through. `window.__hostileLog` records what the
 * hostile listeners intercepted.
 */
export {};

interface HostileWindow extends Window {
  __native: { value: (this: HTMLTextAreaElement) => string; innerText: (this: HTMLElement) => string };
  __hostileLog: string[];
  __hostile: { clickSend(): void; enter(): void; submit(): void };
  __app?: { send(): void };
}

if (new URLSearchParams(location.search).get('hostile') === '1') {
  const win = window as unknown as HostileWindow;
  const descriptor = (proto: object, name: string) => Object.getOwnPropertyDescriptor(proto, name)!;
  const areaValue = descriptor(HTMLTextAreaElement.prototype, 'value');
  const inputValue = descriptor(HTMLInputElement.prototype, 'value');
  const textContent = descriptor(Node.prototype, 'textContent');
  const innerText = descriptor(HTMLElement.prototype, 'innerText');
  const getData = DataTransfer.prototype.getData;
  win.__native = { value: areaValue.get as (this: HTMLTextAreaElement) => string, innerText: innerText.get as (this: HTMLElement) => string };
  win.__hostileLog = [];

  const blank = (proto: object, name: string, original: PropertyDescriptor) =>
    Object.defineProperty(proto, name, { configurable: true, enumerable: original.enumerable, get: () => '', set: original.set });
  blank(HTMLTextAreaElement.prototype, 'value', areaValue);
  blank(HTMLInputElement.prototype, 'value', inputValue);
  blank(Node.prototype, 'textContent', textContent);
  blank(HTMLElement.prototype, 'innerText', innerText);
  DataTransfer.prototype.getData = function hiddenGetData(this: DataTransfer) {
    return '';
  };

  const inComposer = (target: EventTarget | null) => target instanceof Element && !!target.closest('#prompt-textarea');
  const isSendButton = (target: EventTarget | null) => target instanceof Element && !!target.closest('button[data-testid="send-button"]');
  const swallow = (where: string) => (event: Event) => {
    if (event.type === 'keydown') {
      const e = event as KeyboardEvent;
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing || !inComposer(e.target)) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      win.__hostileLog.push(`${where}:keydown`);
      win.__app?.send();
    } else if (event.type === 'click') {
      if (!isSendButton(event.target)) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      win.__hostileLog.push(`${where}:click`);
      win.__app?.send();
    } else if (event.type === 'submit') {
      event.stopImmediatePropagation();
      event.preventDefault();
      win.__hostileLog.push(`${where}:submit`);
      win.__app?.send();
    } else if (event.type === 'paste') {
      if (!inComposer(event.target)) return;
      const text = getData.call((event as ClipboardEvent).clipboardData!, 'text/plain');
      event.stopImmediatePropagation();
      event.preventDefault();
      win.__hostileLog.push(`${where}:paste`);
      document.execCommand('insertText', false, text);
    }
  };
  for (const type of ['keydown', 'click', 'submit', 'paste']) {
    window.addEventListener(type, swallow('window'), true);
    document.addEventListener(type, swallow('document'), true);
  }

  const composer = () => document.querySelector<HTMLElement>('#prompt-textarea')!;
  win.__hostile = {
    clickSend: () => document.querySelector<HTMLButtonElement>('button[data-testid="send-button"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })),
    enter: () => composer().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true })),
    submit: () => composer().closest('form')!.requestSubmit(),
  };
}
