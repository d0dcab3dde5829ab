/**
 * A plain `<textarea>` composer in a `<form>`: submitting the form sends
 * `textarea.value` (read at send time); Enter (no Shift, no IME) submits the
 * form with requestSubmit(), so a `submit` listener sees every send.
 * `afterSend` runs after a prompt was recorded (the textarea page answers).
 */
import { isPlainEnter, recordSent } from './common';

export function wireTextareaComposer(
  form: HTMLFormElement,
  textarea: HTMLTextAreaElement,
  afterSend?: (text: string) => void,
): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = textarea.value;
    if (!value.trim()) return;
    recordSent(value);
    textarea.value = '';
    textarea.focus();
    afterSend?.(value);
  });
  textarea.addEventListener('keydown', (event) => {
    if (!isPlainEnter(event)) return;
    event.preventDefault();
    form.requestSubmit();
  });
}
