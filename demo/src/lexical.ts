/**
 * A Lexical plain-text composer (the editor library behind several chat
 * sites): `div[contenteditable][data-lexical-editor="true"]`, send button
 * `button[aria-label="Submit"]`. Enter sends through a KEY_ENTER_COMMAND
 * handler; Shift+Enter falls through to @lexical/plain-text's line break.
 * Served as www.meta.ai in the tests. After each send the page answers in
 * `div#lexical-thread[role="log"][aria-live="polite"]` with Meta-AI-like
 * markup: `[data-testid="user-message"]`, then
 * `[data-testid="assistant-message"][data-message-type="assistant"]`
 * (`data-streaming="true"` while it streams) holding the answer
 * `div.markdown-content[dir="auto"]` and, once complete, a
 * `div[role="button"][aria-label="Copy"]` (shared/answer.ts).
 */
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { registerPlainText } from '@lexical/plain-text';
import {
  $createParagraphNode,
  $getRoot,
  COMMAND_PRIORITY_HIGH,
  KEY_ENTER_COMMAND,
  createEditor,
} from 'lexical';
import { copyIcon, h, mountTranscript, type AnswerSlot } from './shared/answer';
import { byId, isImeKeydown, mountWhenReady, recordSent } from './shared/common';

function metaTranscript(log: HTMLElement): (text: string) => void {
  return mountTranscript({
    scroller: log,
    user(text) {
      log.append(
        h(
          'div',
          { class: 'mock-message user', 'data-testid': 'user-message', 'data-message-type': 'user' },
          h('div', { class: 'message-text', dir: 'auto' }, text),
        ),
      );
    },
    assistant(): AnswerSlot {
      const answer = h('div', { class: 'markdown-content', dir: 'auto' });
      const actions = h('div', { class: 'message-actions', role: 'toolbar', 'aria-label': 'Message actions' });
      const message = h(
        'div',
        { class: 'mock-message assistant', 'data-testid': 'assistant-message', 'data-message-type': 'assistant', 'data-streaming': 'true' },
        answer,
        actions,
      );
      log.append(message);
      return {
        answer,
        finish() {
          message.setAttribute('data-streaming', 'false');
          // Facebook-family sites build their controls from div[role=button].
          const copy = h('div', { class: 'turn-action', role: 'button', tabindex: '0', 'aria-label': 'Copy' }, copyIcon());
          actions.append(copy);
          return copy;
        },
      };
    },
  });
}

mountWhenReady('lexical', () => {
  const respond = metaTranscript(byId('lexical-thread', HTMLDivElement));
  const root = byId('lexical-editor', HTMLDivElement);
  const button = byId('lexical-send', HTMLButtonElement);
  const placeholder = byId('lexical-placeholder', HTMLDivElement);

  const editor = createEditor({
    namespace: 'promptvakt-mock',
    onError: (error) => {
      throw error;
    },
  });
  editor.setRootElement(root);
  registerPlainText(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);

  const text = (): string => editor.getEditorState().read(() => $getRoot().getTextContent());
  const send = (): void => {
    const value = text();
    if (!value.trim()) return;
    recordSent(value);
    editor.update(() => {
      const rootNode = $getRoot();
      rootNode.clear();
      const paragraph = $createParagraphNode();
      rootNode.append(paragraph);
      paragraph.select();
    });
    root.focus();
    respond(value);
  };

  editor.registerCommand(
    KEY_ENTER_COMMAND,
    (event) => {
      if (event === null) return false;
      // IME commit: claim it so plain-text inserts no line break, but leave the
      // browser's default alone.
      if (isImeKeydown(event)) return true;
      if (event.shiftKey) return false;
      event.preventDefault();
      send();
      return true;
    },
    COMMAND_PRIORITY_HIGH,
  );
  editor.registerUpdateListener(({ editorState }) => {
    const empty = editorState.read(() => $getRoot().getTextContent()).trim() === '';
    button.disabled = empty;
    placeholder.hidden = !empty;
  });
  // Start with one empty paragraph, as LexicalComposer's initial state does.
  editor.update(() => {
    const rootNode = $getRoot();
    if (rootNode.isEmpty()) rootNode.append($createParagraphNode());
  });
  button.addEventListener('click', send);
});
