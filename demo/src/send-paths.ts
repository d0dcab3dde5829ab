/**
 * Send-paths mock (tests/e2e/send-paths.spec.ts): a chatgpt.com-like page
 * (its real composer, so the ChatGPT adapter finds it) where text also
 * reaches the page's send handler through paths other than the composer's
 * Enter and send button. Each send is recorded with `recordSentVia`:
 * `window.__sent` / `#sent > li` as on every mock, plus `window.__sentBy`
 * and `li[data-via]` naming the path:
 *
 * 1. `edit-1|2|3` — "Edit" on an earlier message opens an inline box
 *    (`textarea.edit-box` or contenteditable `div.edit-box`) with its own
 *    `button.edit-save` ("Save", "Spara", "Update"; type=button, no form);
 *    the save sends the edited text. Enter in the box is a newline.
 * 2. `instructions` — "Customize ChatGPT" mounts a `div[role=dialog]` with
 *    `textarea#instructions` ("Anpassade instruktioner"); `#instructions-save`
 *    sends it and removes the dialog.
 * 3. `reply`, `ask`, `link`, `svg` — second composers (`#second-*`): a
 *    textarea + `button` "Reply"; a contenteditable + `button[aria-label=Ask]`
 *    (icon only); a textarea + `<a href="#">Send</a>`; a textarea + an
 *    `<svg>` in a `div[title="Send message"]` (no role) with a click
 *    listener. Only the control sends (Enter is a newline).
 * 4. `pointerdown`, `mousedown` — `button[aria-label=Send]` that send on
 *    pointerdown / mousedown (the click that follows finds the box empty).
 * 5. `keyboard` — `div[role=button][tabindex=0][aria-label=Send]` with its
 *    own keydown (Enter) and keyup (Space) handlers; a click sends too.
 * 6. files — window-level dragover/drop (a file dropped anywhere is
 *    uploaded), a document-level paste of files wherever the focus is, and
 *    `input#file-on-input` read on `input` (not `change`). Each upload is
 *    read with File.text() and recorded in `window.__uploads` / `#uploads`
 *    (`via`: 'drop', 'paste', 'input').
 */
import { byId, mockWindow, mountWhenReady, recordSent, recordUpload, sendIcon, type MockUpload } from './shared/common';
import { mountChatgptComposer } from './shared/chatgpt-composer';

type Field = HTMLTextAreaElement | HTMLElement;

const sentBy: string[] = ((window as unknown as { __sentBy: string[] }).__sentBy ??= []);

/** Records a send (as every mock does) and which path it came through. */
function recordSentVia(text: string, via: string): void {
  sentBy.push(via);
  recordSent(text);
  const list = document.getElementById('sent');
  if (list?.lastElementChild instanceof HTMLElement) list.lastElementChild.dataset.via = via;
}

function textOf(field: Field): string {
  return field instanceof HTMLTextAreaElement ? field.value : field.innerText.replace(/\n$/, '');
}

function clear(field: Field): void {
  if (field instanceof HTMLTextAreaElement) field.value = '';
  else field.textContent = '';
}

/** Sends a field's text once (nothing for an empty field) and empties it. */
function sendField(field: Field, via: string): void {
  const text = textOf(field);
  if (!text.trim()) return;
  recordSentVia(text, via);
  clear(field);
}

function fieldIn(box: Element): Field {
  const field = box.querySelector<HTMLElement>('textarea, [contenteditable="true"]');
  if (!field) throw new Error(`mock page: no field in #${box.id}`);
  return field;
}

function controlIn(box: Element): HTMLElement {
  const control = box.querySelector<HTMLElement>('.mini-send');
  if (!control) throw new Error(`mock page: no control in #${box.id}`);
  return control;
}

/** 1. An earlier message: "Edit" opens the inline box, its own save button sends the edit. */
function wireEditableMessage(article: HTMLElement): void {
  const shown = article.querySelector<HTMLElement>('.message-text')!;
  const open = article.querySelector<HTMLButtonElement>('.edit-open')!;
  open.addEventListener('click', () => {
    if (article.querySelector('.edit-box')) return;
    const box: Field =
      article.dataset.kind === 'contenteditable'
        ? Object.assign(document.createElement('div'), { contentEditable: 'true' })
        : document.createElement('textarea');
    box.className = 'edit-box';
    box.setAttribute('aria-label', 'Edit message');
    if (box instanceof HTMLTextAreaElement) box.value = shown.textContent ?? '';
    else box.textContent = shown.textContent ?? '';
    const actions = document.createElement('div');
    actions.className = 'edit-actions';
    const cancel = Object.assign(document.createElement('button'), { type: 'button', className: 'edit-cancel', textContent: 'Cancel' });
    const save = Object.assign(document.createElement('button'), { type: 'button', className: 'edit-save', textContent: article.dataset.save ?? 'Save' });
    actions.append(cancel, save);
    const close = () => {
      box.remove();
      actions.remove();
      shown.hidden = false;
      open.hidden = false;
    };
    cancel.addEventListener('click', close);
    save.addEventListener('click', () => {
      const text = textOf(box);
      if (!text.trim()) return;
      shown.textContent = text;
      recordSentVia(text, article.id);
      close();
    });
    shown.hidden = true;
    open.hidden = true;
    article.append(box, actions);
    box.focus();
  });
}

/**
 * 2. The custom-instructions dialog, mounted on open and removed on close (as
 * Radix-style dialogs are): its Save sends the instructions.
 */
function wireInstructions(): void {
  const portal = byId('instructions-portal', HTMLDivElement);
  byId('instructions-open', HTMLButtonElement).addEventListener('click', () => {
    if (portal.firstChild) return;
    const dialog = document.createElement('div');
    dialog.id = 'instructions-dialog';
    dialog.className = 'settings-dialog';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'instructions-title');
    dialog.innerHTML = `
      <h3 id="instructions-title">Anpassade instruktioner</h3>
      <label for="instructions">What would you like ChatGPT to know about you to provide better responses?</label>
      <textarea id="instructions" rows="4" placeholder="System prompt / anpassade instruktioner"></textarea>
      <div class="dialog-actions">
        <button type="button" id="instructions-cancel">Cancel</button>
        <button type="button" id="instructions-save">Save</button>
      </div>`;
    portal.append(dialog);
    const area = byId('instructions', HTMLTextAreaElement);
    byId('instructions-cancel', HTMLButtonElement).addEventListener('click', () => dialog.remove());
    byId('instructions-save', HTMLButtonElement).addEventListener('click', () => {
      const text = area.value;
      if (!text.trim()) return;
      recordSentVia(text, 'instructions');
      dialog.remove();
    });
    area.focus();
  });
}

/** 3.–5. A small composer whose control sends on `events`; `via` names it in `__sentBy`. */
function wireMiniComposer(id: string, via: string, events: (keyof HTMLElementEventMap)[]): void {
  const box = byId(id, HTMLDivElement);
  const field = fieldIn(box);
  const control = controlIn(box);
  if (!control.textContent?.trim()) control.append(sendIcon());
  for (const type of events) {
    control.addEventListener(type, (event) => {
      if (type === 'click' && control instanceof HTMLAnchorElement) event.preventDefault(); // href="#"
      sendField(field, via);
    });
  }
}

/** 5. The keyboard: Enter on keydown, Space on keyup (as a native button), on the div itself. */
function wireKeyboardControl(): void {
  const box = byId('keyboard-send', HTMLDivElement);
  const field = fieldIn(box);
  const control = controlIn(box);
  control.append(sendIcon());
  control.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      sendField(field, 'keyboard');
    } else if (event.key === ' ') {
      event.preventDefault(); // no page scroll
    }
  });
  control.addEventListener('keyup', (event) => {
    if (event.key !== ' ') return;
    event.preventDefault();
    sendField(field, 'keyboard');
  });
  control.addEventListener('click', () => sendField(field, 'keyboard'));
}

async function upload(files: Iterable<File>, via: MockUpload['via']): Promise<void> {
  for (const file of files) recordUpload({ name: file.name, text: await file.text(), via });
}

/** 6. Files taken from anywhere: the window's drop, the document's paste, an input's `input` event. */
function wireFiles(): void {
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  for (const type of ['dragenter', 'dragover'] as const) {
    window.addEventListener(type, (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      document.body.classList.add('drag-over');
    });
  }
  window.addEventListener('dragleave', () => document.body.classList.remove('drag-over'));
  window.addEventListener('drop', (event) => {
    document.body.classList.remove('drag-over');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    void upload(files, 'drop');
  });
  document.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    void upload(files, 'paste');
  });
  const input = byId('file-on-input', HTMLInputElement);
  input.addEventListener('input', () => {
    const files = [...(input.files ?? [])];
    void upload(files, 'input');
  });
}

mountWhenReady('send-paths', () => {
  // The site's own composer, so the ChatGPT adapter finds it (recorded as `composer`).
  const form = byId('composer-form', HTMLFormElement);
  mountChatgptComposer({
    root: byId('root', HTMLDivElement),
    form,
    editorParent: byId('composer-editor', HTMLDivElement),
    sendSlot: byId('send-slot', HTMLSpanElement),
    placeholder: 'Ask anything',
    sendLabel: 'Send prompt',
    editorLabel: 'Chat with ChatGPT',
  });
  document.addEventListener('mock-sent', () => {
    // The composer records through recordSent() directly: name its sends too.
    if (sentBy.length >= mockWindow.__sent.length) return;
    sentBy.push('composer');
    const last = document.getElementById('sent')?.lastElementChild;
    if (last instanceof HTMLElement) last.dataset.via = 'composer';
  });

  for (const article of document.querySelectorAll<HTMLElement>('#path-edit article.turn')) wireEditableMessage(article);
  wireInstructions();
  wireMiniComposer('second-reply', 'reply', ['click']);
  wireMiniComposer('second-ask', 'ask', ['click']);
  wireMiniComposer('second-link', 'link', ['click']);
  wireMiniComposer('second-svg', 'svg', ['click']);
  wireMiniComposer('press-pointerdown', 'pointerdown', ['pointerdown']);
  wireMiniComposer('press-mousedown', 'mousedown', ['mousedown']);
  wireKeyboardControl();
  wireFiles();
});
