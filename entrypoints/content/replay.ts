/**
 * Replaying an approved send: the same gesture the employee made, on the
 * same element, so the page sends exactly as it would have.
 */
import type { Editable } from './editable';
import { isSendCandidate } from './send-controls';

/** How a held send is replayed once approved: the same gesture, on the same element. */
export type Gesture =
  /** Enter in a field. */
  | { kind: 'enter'; field: Editable }
  /** A control activated with the pointer or a key. */
  | { kind: 'activate'; control: HTMLElement; field: Editable; key?: string }
  /** A form's submit (requestSubmit, or Enter in a field of the form). */
  | { kind: 'submit'; form: HTMLFormElement; submitter: HTMLElement | null; field: Editable };

/**
 * Dispatches the gesture again (SendApproval lets exactly its events through):
 *   - Enter in a field: the site's verified send control if it has one (editors
 *     ignore a synthetic Enter more often than a button ignores a click), else Enter;
 *   - a control pressed: that control if the page still shows it, else the
 *     verified send control, else Enter in the field; a pointer press replays
 *     the whole press (pointerdown … click), a key the same key;
 *   - a form's submit: requestSubmit with the same submitter.
 */
export function dispatchGesture(gesture: Gesture, verified: HTMLElement | null): void {
  const field = gesture.field;
  if (gesture.kind === 'submit' && gesture.form.isConnected) {
    const submitter = gesture.submitter?.isConnected && gesture.form.contains(gesture.submitter) ? gesture.submitter : null;
    gesture.form.requestSubmit(submitter);
    return;
  }
  if (gesture.kind === 'activate' && gesture.control.isConnected && isSendCandidate(gesture.control, field)) {
    if (gesture.key) pressKey(gesture.control, gesture.key);
    else press(gesture.control);
    return;
  }
  if (verified) {
    press(verified);
    return;
  }
  pressKey(field, 'Enter');
}

/** A whole pointer press on `control`: some pages send on pointerdown or mousedown, most on click. */
function press(control: HTMLElement): void {
  const init = { bubbles: true, cancelable: true, composed: true, button: 0 };
  const Pointer = typeof PointerEvent === 'function' ? PointerEvent : MouseEvent;
  control.dispatchEvent(new Pointer('pointerdown', { ...init, pointerType: 'mouse', isPrimary: true }));
  control.dispatchEvent(new MouseEvent('mousedown', init));
  control.dispatchEvent(new Pointer('pointerup', { ...init, pointerType: 'mouse', isPrimary: true }));
  control.dispatchEvent(new MouseEvent('mouseup', init));
  control.click();
}

function pressKey(target: HTMLElement, key: string): void {
  const code = key === ' ' ? 'Space' : key;
  const keyCode = key === ' ' ? 32 : 13;
  const init = { key, code, keyCode, which: keyCode, bubbles: true, cancelable: true, composed: true };
  target.dispatchEvent(new KeyboardEvent('keydown', init));
  target.dispatchEvent(new KeyboardEvent('keyup', init));
}
