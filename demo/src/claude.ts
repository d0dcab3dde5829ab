/**
 * Mock of claude.ai's composer: a ProseMirror (TipTap-style) contenteditable
 * inside a `<fieldset>`, send button `button[aria-label="Send message"]`
 * (disabled while empty, same element for the page's lifetime, listener on
 * the button itself). Enter sends; Shift+Enter inserts a `<br>` hard break.
 */
import { byId, mountWhenReady, recordSent } from './shared/common';
import { clearEditor, createPmEditor, editorText } from './shared/pm';

mountWhenReady('claude', () => {
  const button = byId('claude-send', HTMLButtonElement);
  const send = (): void => {
    const text = editorText(view);
    if (!text.trim()) return;
    recordSent(text);
    clearEditor(view);
    view.focus();
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
