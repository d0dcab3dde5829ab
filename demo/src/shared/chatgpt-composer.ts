/**
 * The chatgpt.com-style composer (used by chatgpt.ts and demo.ts): a `<form>`
 * holding a ProseMirror `div#prompt-textarea.ProseMirror` and a
 * `button[data-testid="send-button"]` that is re-created after every send,
 * as React does on chatgpt.com. Clicks are handled by delegation on the app
 * root (React 17+ style), not by a listener on the button itself.
 * With `?trusted-only` in the address the page ignores synthetic clicks and
 * Enter presses (isTrusted false), as some sites do: a replayed send does not
 * go through there.
 */
import type { EditorView } from 'prosemirror-view';
import { recordSent, sendIcon } from './common';
import { clearEditor, createPmEditor, editorText } from './pm';

export interface ChatgptComposerOptions {
  /** App root: receives the delegated click listener. */
  root: HTMLElement;
  form: HTMLFormElement;
  /** Element the ProseMirror editor is appended to. */
  editorParent: HTMLElement;
  /** Element the send button lives in (the button is replaced inside it). */
  sendSlot: HTMLElement;
  placeholder: string;
  sendLabel: string;
  editorLabel: string;
  /** Called after a prompt was recorded (demo: chat list effects). */
  afterSend?: (text: string) => void;
}

export interface ChatgptComposer {
  view: EditorView;
  send(): void;
  /** The current send button (a new element after every send). */
  button(): HTMLButtonElement;
}

export function mountChatgptComposer(options: ChatgptComposerOptions): ChatgptComposer {
  let generation = 0;
  const renderSendButton = (): HTMLButtonElement => {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'composer-submit-button';
    button.className = 'composer-submit-btn';
    button.dataset.testid = 'send-button';
    button.dataset.generation = String(++generation);
    button.setAttribute('aria-label', options.sendLabel);
    button.disabled = true;
    button.append(sendIcon());
    return button;
  };

  let button = renderSendButton();
  options.sendSlot.append(button);

  const send = (): void => {
    const text = editorText(view);
    if (!text.trim()) return;
    recordSent(text);
    clearEditor(view);
    // React re-render: the old button is gone, a new element takes its place.
    const next = renderSendButton();
    button.replaceWith(next);
    button = next;
    view.focus();
    options.afterSend?.(text);
  };

  const view = createPmEditor({
    parent: options.editorParent,
    attributes: {
      id: 'prompt-textarea',
      'aria-label': options.editorLabel,
      'data-virtualkeyboard': 'true',
      role: 'textbox',
      'aria-multiline': 'true',
    },
    placeholder: options.placeholder,
    shiftEnter: 'paragraph',
    onEnter: () => {
      send();
      return true;
    },
    onChange: (v) => {
      button.disabled = editorText(v).trim() === '';
    },
  });

  const trustedOnly = new URLSearchParams(location.search).has('trusted-only');
  // Ahead of ProseMirror's own key handler: an untrusted Enter never reaches it.
  options.form.addEventListener(
    'keydown',
    (event) => {
      if (trustedOnly && !event.isTrusted && event.key === 'Enter') event.stopImmediatePropagation();
    },
    true,
  );
  options.root.addEventListener('click', (event) => {
    if (trustedOnly && !event.isTrusted) return;
    const target = event.target;
    if (!(target instanceof Element)) return;
    const hit = target.closest('button[data-testid="send-button"]');
    if (hit instanceof HTMLButtonElement && !hit.disabled && options.form.contains(hit)) send();
  });
  // Nothing submits the form natively (the button is type=button), but a
  // requestSubmit() from elsewhere sends, as on the real site.
  options.form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });

  return { view, send, button: () => button };
}
