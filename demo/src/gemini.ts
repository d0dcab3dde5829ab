/**
 * Mock of gemini.google.com's composer: a Quill editor (`.ql-editor`) inside a
 * `<rich-textarea>` element, send button `button.send-button[aria-label="Send message"]`
 * (aria-disabled while empty, never `disabled`). Enter sends (a Quill keyboard
 * binding); Shift+Enter is Quill's own newline.
 * After each send the page answers in `#chat-history` > `infinite-scroller`
 * with gemini.google.com's markup: a `.conversation-container` holding
 * `user-query` and `model-response`, the answer in
 * `model-response message-content .markdown.markdown-main-panel`
 * (`aria-live="polite"`, `aria-busy="true"` while it streams), then
 * `message-actions copy-button > button[data-test-id="copy-button"]` (shared/answer.ts).
 */
import Quill from 'quill';
import { copyIcon, h, mountTranscript, type AnswerSlot } from './shared/answer';
import { byId, mountWhenReady, recordSent } from './shared/common';

function geminiTranscript(scroller: HTMLElement, history: HTMLElement): (text: string) => void {
  let conversation: HTMLElement = history;
  return mountTranscript({
    scroller,
    user(text, exchange) {
      conversation = h(
        'div',
        { class: 'conversation-container message-actions-hover-boundary', id: `mock-conversation-${exchange}` },
        h(
          'user-query',
          {},
          h(
            'user-query-content',
            {},
            h(
              'div',
              { class: 'query-content', id: `user-query-content-${exchange - 1}` },
              h(
                'span',
                { class: 'user-query-bubble-with-background' },
                h('div', { class: 'query-text', dir: 'ltr' }, ...text.split('\n').map((line) => h('p', { class: 'query-text-line' }, line))),
              ),
            ),
          ),
        ),
      );
      history.append(conversation);
    },
    assistant(exchange): AnswerSlot {
      const markdown = h('div', {
        class: 'markdown markdown-main-panel',
        id: `model-response-message-contentr_mock${exchange}`,
        dir: 'ltr',
        'aria-live': 'polite',
        'aria-busy': 'true',
      });
      const actions = h('message-actions', {});
      conversation.append(
        h(
          'model-response',
          {},
          h(
            'response-container',
            {},
            h(
              'div',
              { class: 'response-container' },
              h(
                'div',
                { class: 'presented-response-container' },
                h(
                  'div',
                  { class: 'response-container-content' },
                  h('message-content', { class: 'model-response-text', id: `message-content-id-r_mock${exchange}` }, markdown),
                ),
              ),
              h('div', { class: 'response-container-footer' }, actions),
            ),
          ),
        ),
      );
      return {
        answer: markdown,
        finish() {
          markdown.setAttribute('aria-busy', 'false');
          const copy = h(
            'button',
            { type: 'button', class: 'turn-action mat-icon-button', 'aria-label': 'Copy', mattooltip: 'Copy response', 'data-test-id': 'copy-button' },
            copyIcon(),
          );
          actions.append(h('copy-button', {}, copy));
          return copy;
        },
      };
    },
  });
}

mountWhenReady('gemini', () => {
  const button = byId('gemini-send', HTMLButtonElement);
  const container = byId('gemini-quill', HTMLDivElement);
  const scroller = byId('chat-history', HTMLDivElement);
  const history = scroller.querySelector<HTMLElement>('infinite-scroller');
  if (!history) throw new Error('mock page: #chat-history > infinite-scroller missing');
  const respond = geminiTranscript(scroller, history);

  /** Quill's text always ends with one "\n" (its final block); drop it. */
  const text = (): string => quill.getText().replace(/\n$/, '');
  const send = (): void => {
    const value = text();
    if (!value.trim()) return;
    recordSent(value);
    quill.setText('', 'user');
    quill.focus();
    respond(value);
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
