/**
 * DeepSeek-like page: a textarea and a send control that is a
 * `div[role="button"][aria-disabled]`, not a <button>. Enter or a click on
 * the div sends; every send lands in `window.__sent`.
 */
const input = document.getElementById('chat-input') as HTMLTextAreaElement;
const control = document.getElementById('ds-send') as HTMLDivElement;
const list = document.getElementById('sent') as HTMLUListElement;
const w = window as unknown as { __sent: string[] };
w.__sent = [];

function send(): void {
  const text = input.value;
  if (!text.trim()) return;
  w.__sent.push(text);
  const li = document.createElement('li');
  li.textContent = text;
  list.append(li);
  input.value = '';
  sync();
}

function sync(): void {
  control.setAttribute('aria-disabled', String(!input.value.trim()));
}

input.addEventListener('input', sync);
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send();
  }
});
control.addEventListener('click', send);
