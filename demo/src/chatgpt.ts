/**
 * Mock of chatgpt.com's composer. Besides the composer the page has two
 * unrelated editors a content script must not mistake for it: a ProseMirror
 * "canvas" document editor and a plain contenteditable message-edit box.
 */
import { byId, mountWhenReady } from './shared/common';
import { mountChatgptComposer } from './shared/chatgpt-composer';
import { createPmEditor } from './shared/pm';

mountWhenReady('chatgpt', () => {
  mountChatgptComposer({
    root: byId('root', HTMLDivElement),
    form: byId('composer-form', HTMLFormElement),
    editorParent: byId('composer-editor', HTMLDivElement),
    sendSlot: byId('send-slot', HTMLSpanElement),
    placeholder: 'Ask anything',
    sendLabel: 'Send prompt',
    editorLabel: 'Chat with ChatGPT',
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
