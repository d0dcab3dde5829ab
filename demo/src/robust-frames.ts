/**
 * Robustness mock (tests/e2e/robustness.spec.ts): composers inside iframes.
 * One page, three roles chosen by `?frame=`:
 *
 * - (none) the parent: its own chatgpt.com-like composer, plus
 *   - `iframe#frame-same-origin` → `/robust-frames.html?frame=composer` (same origin, its own document and script);
 *   - `iframe#frame-srcdoc` (`srcdoc` markup: `form > textarea#prompt + button[type=submit]`), wired by
 *     the parent once loaded: Enter or the button submits;
 *   - `iframe#frame-blank` (about:blank) that the parent fills synchronously with DOM calls right
 *     after inserting it: `div#editor[contenteditable]` + `button#send` (type=button); Enter or the
 *     button sends, through listeners the parent registers;
 *   - `iframe#frame-written` (about:blank) that the parent fills with document.open/write/close:
 *     `form > textarea#prompt + button[type=submit]`;
 *   - `iframe#frame-widget` → `/robust-frames.html?frame=widget` (same origin, no composer at all), inserted one
 *     second after load.
 *   Sends from the srcdoc and about:blank frames are recorded in the PARENT's `window.__sent`, and
 *   `window.__sentBy` names the frame of each (`top`, `srcdoc`, `blank`, `written`).
 * - `composer`: a chatgpt.com-like composer (records in the frame's own `window.__sent`).
 * - `widget`: a little text, nothing to type in.
 */
import { isPlainEnter, mockWindow, recordSent } from './shared/common';
import { mountChatgptComposer } from './shared/chatgpt-composer';

const role = new URLSearchParams(location.search).get('frame');
const sentBy: string[] = ((window as unknown as { __sentBy: string[] }).__sentBy = []);

function record(frame: string, text: string): void {
  if (!text.trim()) return;
  sentBy.push(frame);
  recordSent(text);
}

function chatComposer(parent: HTMLElement): void {
  const form = document.createElement('form');
  form.className = 'composer';
  const editorParent = document.createElement('div');
  editorParent.className = 'composer-editor';
  const actions = document.createElement('div');
  const sendSlot = document.createElement('span');
  actions.append(sendSlot);
  form.append(editorParent, actions);
  parent.append(form);
  // The shared composer records the prompt itself; this notes which frame sent it.
  mountChatgptComposer({ root: parent, form, editorParent, sendSlot, placeholder: 'Ask anything', sendLabel: 'Send prompt', editorLabel: 'Chat with ChatGPT', afterSend: () => sentBy.push('top') });
}

const TEXTAREA_FORM = '<form id="f"><textarea id="prompt" rows="3" aria-label="Prompt"></textarea><button type="submit" id="send">Send</button></form>';

/** Wires a textarea form in a frame's document (listeners from this, the parent's, script). */
function wireTextareaForm(doc: Document, frame: string): void {
  const form = doc.querySelector('form')!;
  const textarea = doc.querySelector('textarea')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    record(frame, textarea.value);
    textarea.value = '';
  });
  textarea.addEventListener('keydown', (event) => {
    if (!isPlainEnter(event)) return;
    event.preventDefault();
    form.requestSubmit();
  });
}

function frame(id: string, attributes: Record<string, string> = {}): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.id = id;
  iframe.title = id;
  iframe.className = 'mock-frame';
  for (const [name, value] of Object.entries(attributes)) iframe.setAttribute(name, value);
  return iframe;
}

function parentPage(main: HTMLElement): void {
  const heading = document.createElement('h1');
  heading.textContent = 'Composers in frames';
  main.append(heading);
  chatComposer(main);

  main.append(frame('frame-same-origin', { src: '/robust-frames.html?frame=composer' }));

  const srcdoc = frame('frame-srcdoc', { srcdoc: `<!doctype html><html lang="en"><body>${TEXTAREA_FORM}</body></html>` });
  srcdoc.addEventListener('load', () => wireTextareaForm(srcdoc.contentDocument!, 'srcdoc'), { once: true });
  main.append(srcdoc);

  // about:blank, filled at once with DOM calls: the parent owns every listener.
  const blank = frame('frame-blank');
  main.append(blank);
  const doc = blank.contentDocument!;
  const editor = doc.createElement('div');
  editor.id = 'editor';
  editor.contentEditable = 'true';
  editor.setAttribute('role', 'textbox');
  editor.setAttribute('aria-label', 'Prompt');
  editor.style.cssText = 'min-height:3em;border:1px solid #888;padding:4px';
  const send = doc.createElement('button');
  send.id = 'send';
  send.type = 'button';
  send.textContent = 'Send';
  doc.body.append(editor, send);
  const sendBlank = () => {
    record('blank', editor.innerText);
    editor.textContent = '';
  };
  editor.addEventListener('keydown', (event) => {
    if (!isPlainEnter(event)) return;
    event.preventDefault();
    sendBlank();
  });
  send.addEventListener('click', sendBlank);

  // about:blank, written with document.open/write/close.
  const written = frame('frame-written');
  main.append(written);
  const wdoc = written.contentDocument!;
  wdoc.open();
  wdoc.write(`<!doctype html><html lang="en"><body>${TEXTAREA_FORM}</body></html>`);
  wdoc.close();
  wireTextareaForm(wdoc, 'written');

  setTimeout(() => main.append(frame('frame-widget', { src: '/robust-frames.html?frame=widget' })), 1000);

  const title = document.createElement('h2');
  title.textContent = 'Sent';
  const list = document.createElement('ul');
  list.id = 'sent';
  main.append(title, list);
}

const main = document.getElementById('main')!;
if (role === 'composer') {
  document.querySelector('.mock-banner')?.remove();
  chatComposer(main);
} else if (role === 'widget') {
  document.querySelector('.mock-banner')?.remove();
  main.textContent = 'Nyheter: inget att skriva här.';
} else {
  parentPage(main);
}
mockWindow.__mockSite = 'robust-frames';
mockWindow.__ready = true;
document.documentElement.dataset.mockReady = 'true';
