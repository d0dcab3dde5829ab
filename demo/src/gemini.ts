/**
 * Mock of gemini.google.com's composer: a Quill editor (`.ql-editor`) inside a
 * `<rich-textarea>` element, send button `button.send-button[aria-label="Send message"]`
 * (aria-disabled while empty, never `disabled`). Enter sends (a Quill keyboard
 * binding); Shift+Enter is Quill's own newline.
 */
import Quill from 'quill';
import { byId, mountWhenReady, recordSent } from './shared/common';

mountWhenReady('gemini', () => {
  const button = byId('gemini-send', HTMLButtonElement);
  const container = byId('gemini-quill', HTMLDivElement);

  /** Quill's text always ends with one "\n" (its final block); drop it. */
  const text = (): string => quill.getText().replace(/\n$/, '');
  const send = (): void => {
    const value = text();
    if (!value.trim()) return;
    recordSent(value);
    quill.setText('', 'user');
    quill.focus();
  };

  const quill = new Quill(container, {
    placeholder: 'Ask Gemini',
    modules: {
      toolbar: false,
      keyboard: {
        bindings: {
          // Quill skips keydown while composing (isComposing / keyCode 229).
          send: {
            key: 'Enter',
            shiftKey: false,
            handler: () => {
              send();
              return false;
            },
          },
        },
      },
    },
  });
  const editor = quill.root;
  editor.classList.add('textarea', 'new-input-ui');
  editor.setAttribute('role', 'textbox');
  editor.setAttribute('aria-label', 'Enter a prompt here');
  editor.setAttribute('aria-multiline', 'true');

  const sync = (): void => {
    button.setAttribute('aria-disabled', String(text().trim() === ''));
  };
  quill.on('text-change', sync);
  sync();
  button.addEventListener('click', send);
});
