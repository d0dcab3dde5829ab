/**
 * DeepSeek-like page (chat.deepseek.com's layout): a textarea and two
 * controls that are `div[role="button"]`, not <button>s, in this DOM order:
 *
 * - `#ds-upload` ("Ladda upp fil", `aria-disabled="false"`): a click is
 *   recorded in `window.__uploadClicks` (a counter) and `<ul id="upload-clicks">`;
 *   it never sends (on the real site it opens the file picker);
 * - `#ds-send` ("Skicka"): `aria-disabled="true"` while the textarea is
 *   empty; a click sends.
 *
 * Enter (no Shift, no IME) in the textarea sends too. Every send lands in
 * `window.__sent` / `#sent`.
 */
import { byId, isPlainEnter, mountWhenReady, recordSent } from './shared/common';

const win = window as unknown as { __uploadClicks: number };
win.__uploadClicks = 0;

mountWhenReady('deepseek', () => {
  const input = byId('chat-input', HTMLTextAreaElement);
  const send = byId('ds-send', HTMLDivElement);
  const upload = byId('ds-upload', HTMLDivElement);
  const clicks = byId('upload-clicks', HTMLUListElement);

  const sync = () => send.setAttribute('aria-disabled', String(!input.value.trim()));
  const sendNow = () => {
    const text = input.value;
    if (!text.trim()) return;
    recordSent(text);
    input.value = '';
    sync();
  };

  input.addEventListener('input', sync);
  input.addEventListener('keydown', (e) => {
    if (!isPlainEnter(e)) return;
    e.preventDefault();
    sendNow();
  });
  send.addEventListener('click', sendNow);
  upload.addEventListener('click', () => {
    win.__uploadClicks++;
    const li = document.createElement('li');
    li.textContent = `uppladdning ${win.__uploadClicks} (filväljaren öppnad)`;
    clicks.append(li);
  });
});
