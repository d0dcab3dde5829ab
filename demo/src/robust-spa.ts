/**
 * Robustness mock (tests/e2e/robustness.spec.ts): a chatgpt.com-like
 * single-page app. Every render throws the whole view away and builds a new
 * one, as React does on a remount: a new `form` with a new ProseMirror
 * `div#prompt-textarea` and a new `button[data-testid="send-button"]`.
 *
 * - `/` is a new chat (composer high up); `/c/<id>` an earlier conversation
 *   (thread first, composer below it). Links navigate with
 *   `history.pushState`, Back with `popstate`; each navigation re-renders.
 * - `button#remount` re-renders the current route (the composer is replaced).
 * - In a conversation, each earlier user message has an "Edit" button:
 *   message 1 opens a `form.edit-form` with `textarea.edit-box` and a
 *   `button[type=submit]` "Save & submit"; message 2 opens a contenteditable
 *   `div.edit-box` with a `button[type=button]` "Save & submit". Enter (no
 *   Shift, no IME) in either submits. A submitted edit is sent:
 *   `window.__sent` gets the edited text.
 * - `?render=body`: a render replaces all of `document.body`'s children (some
 *   apps render into body), not just `#root`'s.
 * - `?hostile=1`: see robust-hostile.ts; the page then sends through
 *   `window.__app.send()` from its own capture-phase listeners.
 *
 * `window.__renders` counts renders; `window.__app` exposes `send()`,
 * `text()` (the composer's own ProseMirror text) and `render()`.
 */
import type { EditorView } from 'prosemirror-view';
import { isPlainEnter, mockWindow, recordSent } from './shared/common';
import { mountChatgptComposer } from './shared/chatgpt-composer';
import { nativeInnerText, nativeTextareaValue } from './shared/native-readers';

interface RobustWindow extends Window {
  __renders: number;
  __app: { send(): void; text(): string; render(): void; view(): EditorView };
}
const win = window as unknown as RobustWindow;
const renderInto = new URLSearchParams(location.search).get('render') === 'body' ? 'body' : 'root';

const MESSAGES = ['Hur skriver jag ett kort beslut om bygglov?', 'Ge mig tre rubriker till ett nyhetsbrev.'];

let teardown: (() => void) | null = null;
let composer: ReturnType<typeof mountChatgptComposer> | null = null;
win.__renders = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function link(id: string, href: string, label: string): HTMLAnchorElement {
  const a = el('a', { id, href }, label);
  a.dataset.link = 'spa';
  return a;
}

/** An earlier user message with an "Edit" button that opens an edit box whose Enter or "Save & submit" sends the edit. */
function message(index: number, kind: 'textarea' | 'contenteditable'): HTMLElement {
  const article = el('article', { id: `msg-${index}`, className: 'turn' });
  article.dataset.messageAuthorRole = 'user';
  const text = el('div', { className: 'message-text' }, MESSAGES[index - 1]!);
  const edit = el('button', { type: 'button', className: 'edit-button' }, 'Edit');
  article.append(text, edit);
  edit.addEventListener('click', () => {
    const close = () => {
      box.remove();
      text.hidden = false;
      edit.hidden = false;
    };
    const submit = (value: string) => {
      if (!value.trim()) return;
      recordSent(value);
      text.textContent = value;
      close();
    };
    let box: HTMLElement;
    if (kind === 'textarea') {
      const area = el('textarea', { className: 'edit-box', rows: 3, value: nativeInnerText(text) });
      area.setAttribute('aria-label', `Edit message ${index}`);
      const form = el('form', { className: 'edit-form' }, area, el('button', { type: 'button', className: 'edit-cancel' }, 'Cancel'), el('button', { type: 'submit', className: 'edit-submit' }, 'Save & submit'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        submit(nativeTextareaValue(area));
      });
      area.addEventListener('keydown', (event) => {
        if (!isPlainEnter(event)) return;
        event.preventDefault();
        form.requestSubmit();
      });
      form.querySelector('.edit-cancel')!.addEventListener('click', close);
      box = form;
    } else {
      const editable = el('div', { className: 'edit-box message-edit', contentEditable: 'true' }, nativeInnerText(text));
      editable.setAttribute('aria-label', `Edit message ${index}`);
      editable.setAttribute('role', 'textbox');
      const save = el('button', { type: 'button', className: 'edit-submit' }, 'Save & submit');
      const cancel = el('button', { type: 'button', className: 'edit-cancel' }, 'Cancel');
      editable.addEventListener('keydown', (event) => {
        if (!isPlainEnter(event)) return;
        event.preventDefault();
        submit(nativeInnerText(editable));
      });
      save.addEventListener('click', () => submit(nativeInnerText(editable)));
      cancel.addEventListener('click', close);
      box = el('div', { className: 'edit-wrap' }, editable, cancel, save);
    }
    text.hidden = true;
    edit.hidden = true;
    article.append(box);
    (box.querySelector('.edit-box') as HTMLElement).focus();
  });
  return article;
}

function render(): void {
  teardown?.();
  win.__renders++;
  const conversation = /^\/c\/(\w+)/.exec(location.pathname)?.[1];
  const app = el('div', { id: 'app', className: conversation ? 'route-conversation' : 'route-new' });
  app.dataset.route = conversation ? `conversation:${conversation}` : 'new';
  app.dataset.render = String(win.__renders);

  const nav = el('nav', { className: 'spa-nav' }, link('nav-new', '/', 'New chat'), ' · ', link('nav-conversation', '/c/123', 'Earlier conversation'), ' · ', el('button', { type: 'button', id: 'remount' }, 'Re-render composer'));
  const main = el('main');
  if (conversation) {
    main.append(el('section', { id: 'thread' }, message(1, 'textarea'), message(2, 'contenteditable')));
  } else {
    main.append(el('h1', { className: 'new-chat-title' }, 'What can I help with?'));
  }
  const editorParent = el('div', { className: 'composer-editor' });
  const sendSlot = el('span');
  const form = el('form', { className: 'composer' }, editorParent, el('div', { className: 'composer-actions' }, sendSlot));
  form.dataset.type = 'unified-composer';
  const sent = el('ul', { id: 'sent' });
  for (const text of mockWindow.__sent) sent.append(el('li', {}, text));
  main.append(form, el('h2', {}, 'Sent'), sent);
  app.append(nav, main);

  if (renderInto === 'body') document.body.replaceChildren(app);
  else document.getElementById('root')!.replaceChildren(app);

  const mounted = mountChatgptComposer({
    root: app,
    form,
    editorParent,
    sendSlot,
    placeholder: 'Ask anything',
    sendLabel: 'Send prompt',
    editorLabel: 'Chat with ChatGPT',
  });
  composer = mounted;
  app.querySelector('#remount')!.addEventListener('click', render);
  teardown = () => mounted.view.destroy();
  mounted.view.focus();
}

document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a[data-link="spa"]') : null;
  if (!(a instanceof HTMLAnchorElement) || event.defaultPrevented) return;
  event.preventDefault();
  history.pushState({}, '', a.href);
  render();
});
window.addEventListener('popstate', render);

win.__app = {
  send: () => composer?.send(),
  text: () => (composer ? composer.view.state.doc.textBetween(0, composer.view.state.doc.content.size, '\n', '\n') : ''),
  render,
  view: () => composer!.view,
};

render();
mockWindow.__mockSite = 'robust-spa';
mockWindow.__ready = true;
document.documentElement.dataset.mockReady = 'true';
