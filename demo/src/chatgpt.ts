/**
 * Mock of chatgpt.com's composer. Besides the composer the page has two
 * unrelated editors a content script must not mistake for it: a ProseMirror
 * "canvas" document editor and a plain contenteditable message-edit box.
 * After each send the page answers in `#thread` (inside `<main>`) with
 * chatgpt.com's turn markup: `article[data-turn]`, the answer in
 * `div[data-message-author-role="assistant"] .markdown` (class
 * `result-streaming` while it streams), then a
 * `button[data-testid="copy-turn-action-button"]` (shared/answer.ts).
 */
import { copyIcon, h, mountTranscript, type AnswerSlot } from './shared/answer';
import { byId, mountWhenReady } from './shared/common';
import { mountChatgptComposer } from './shared/chatgpt-composer';
import { createPmEditor } from './shared/pm';

/** chatgpt.com's conversation turns, appended to `thread` (which holds turn 1 already). */
function chatgptTranscript(thread: HTMLElement): (text: string) => void {
  const turn = (n: number, role: 'user' | 'assistant', ...children: Node[]): HTMLElement =>
    h(
      'article',
      {
        class: 'turn',
        'data-testid': `conversation-turn-${n}`,
        'data-turn-id': `mock-turn-${n}`,
        'data-turn': role,
        'data-scroll-anchor': role === 'assistant' ? 'true' : 'false',
      },
      ...children,
    );
  return mountTranscript({
    scroller: thread,
    user(text, exchange) {
      const n = 2 * exchange;
      thread.append(
        turn(
          n,
          'user',
          h('h5', { class: 'sr-only' }, 'You said:'),
          h(
            'div',
            { 'data-message-author-role': 'user', 'data-message-id': `mock-message-${n}` },
            h('div', { class: 'user-message-bubble-color' }, h('div', { class: 'whitespace-pre-wrap' }, text)),
          ),
        ),
      );
    },
    assistant(exchange): AnswerSlot {
      const n = 2 * exchange + 1;
      const markdown = h('div', { class: 'markdown prose w-full break-words light result-streaming' });
      const actions = h('div', { class: 'turn-actions' });
      thread.append(
        turn(
          n,
          'assistant',
          h('h6', { class: 'sr-only' }, 'ChatGPT said:'),
          h(
            'div',
            {
              'data-message-author-role': 'assistant',
              'data-message-id': `mock-message-${n}`,
              'data-message-model-slug': 'gpt-mock',
            },
            markdown,
          ),
          actions,
        ),
      );
      return {
        answer: markdown,
        finish() {
          markdown.classList.remove('result-streaming');
          const copy = h(
            'button',
            { type: 'button', class: 'turn-action', 'aria-label': 'Copy', 'aria-pressed': 'false', 'data-testid': 'copy-turn-action-button' },
            copyIcon(),
          );
          copy.addEventListener('click', () => copy.setAttribute('aria-pressed', 'true'));
          actions.append(copy);
          return copy;
        },
      };
    },
  });
}

mountWhenReady('chatgpt', () => {
  const respond = chatgptTranscript(byId('thread', HTMLElement));
  mountChatgptComposer({
    root: byId('root', HTMLDivElement),
    form: byId('composer-form', HTMLFormElement),
    editorParent: byId('composer-editor', HTMLDivElement),
    sendSlot: byId('send-slot', HTMLSpanElement),
    placeholder: 'Ask anything',
    sendLabel: 'Send prompt',
    editorLabel: 'Chat with ChatGPT',
    afterSend: respond,
  });

  // Canvas: a second ProseMirror editor (Enter makes a new paragraph, nothing is sent).
  createPmEditor({
    parent: byId('canvas-editor', HTMLDivElement),
    attributes: { 'aria-label': 'Canvas document', 'data-testid': 'canvas-editor' },
    initialText: 'Utkast till nyhetsbrev\nSkriv fritt här – det här är inte chattfältet.',
  });

  // Message edit box: plain contenteditable; "Spara" only updates the message text.
  const edit = byId('message-edit', HTMLDivElement);
  const shown = byId('message-text', HTMLDivElement);
  byId('message-edit-save', HTMLButtonElement).addEventListener('click', () => {
    shown.textContent = edit.innerText;
  });
});
