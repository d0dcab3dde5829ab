/**
 * A Lexical plain-text composer (the editor library behind several chat
 * sites): `div[contenteditable][data-lexical-editor="true"]`, send button
 * `button[aria-label="Submit"]`. Enter sends through a KEY_ENTER_COMMAND
 * handler; Shift+Enter falls through to @lexical/plain-text's line break.
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
import { byId, isImeKeydown, mountWhenReady, recordSent } from './shared/common';

mountWhenReady('lexical', () => {
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
