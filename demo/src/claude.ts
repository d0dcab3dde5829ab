/**
 * Mock of claude.ai's composer: a ProseMirror (TipTap-style) contenteditable
 * inside a `<fieldset>`, send button `button[aria-label="Send message"]`
 * (disabled while empty, same element for the page's lifetime, listener on
 * the button itself). Enter sends; Shift+Enter inserts a `<br>` hard break.
 * After each send the page answers in `#claude-thread` (inside `<main>`) with
 * claude.ai's markup: a `[data-test-render-count]` pair of
 * `[data-testid="user-message"]` and `div[data-is-streaming]` ("true" while
 * it streams) holding the answer `.font-claude-message` (also
 * `.font-claude-response`, the newer name) > `.standard-markdown` > `<p>`s,
 * then `button[data-testid="action-bar-copy"]` (shared/answer.ts).
 */
import { copyIcon, h, mountTranscript, type AnswerSlot } from './shared/answer';
import { byId, mountWhenReady, recordSent } from './shared/common';
import { clearEditor, createPmEditor, editorText } from './shared/pm';

function claudeTranscript(thread: HTMLElement): (text: string) => void {
  let pair: HTMLElement = thread;
  return mountTranscript({
    scroller: thread,
    user(text) {
      pair = h(
        'div',
        { 'data-test-render-count': '2' },
        h(
          'div',
          { class: 'mb-1 mt-6 group' },
          h(
            'div',
            { 'data-testid': 'user-message', class: 'font-user-message' },
            h('p', { class: 'whitespace-pre-wrap break-words' }, text),
          ),
        ),
      );
      thread.append(pair);
    },
    assistant(): AnswerSlot {
      const markdown = h('div', { class: 'standard-markdown grid-cols-1 grid gap-2.5' });
      const answer = h('div', { class: 'font-claude-message font-claude-response relative' }, markdown);
      const actions = h('div', { class: 'action-bar' });
      const message = h('div', { 'data-is-streaming': 'true', class: 'group relative pb-3' }, answer, actions);
      pair.append(message);
      return {
        answer,
        body: markdown,
        finish() {
          message.setAttribute('data-is-streaming', 'false');
          const copy = h('button', { type: 'button', class: 'turn-action', 'aria-label': 'Copy', 'data-testid': 'action-bar-copy' }, copyIcon());
          actions.append(copy);
          return copy;
        },
      };
    },
  });
}

mountWhenReady('claude', () => {
  const button = byId('claude-send', HTMLButtonElement);
  const respond = claudeTranscript(byId('claude-thread', HTMLDivElement));
  const send = (): void => {
    const text = editorText(view);
    if (!text.trim()) return;
    recordSent(text);
    clearEditor(view);
    view.focus();
    respond(text);
  };
  const view = createPmEditor({
    parent: byId('claude-editor', HTMLDivElement),
    attributes: {
      class: 'tiptap',
      role: 'textbox',
      'aria-label': 'Write your prompt to Claude',
      'aria-multiline': 'true',
      enterkeyhint: 'enter',
      tabindex: '0',
    },
    placeholder: 'How can I help you today?',
    shiftEnter: 'hard_break',
    onEnter: () => {
      send();
      return true;
    },
    onChange: (v) => {
      button.disabled = editorText(v).trim() === '';
    },
  });
  button.addEventListener('click', send);
});
