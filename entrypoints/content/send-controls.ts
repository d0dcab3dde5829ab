/**
 * Guard by content, not by name: which activations can send, and which text
 * they would send. Any activation of a button-like control (a button, a link,
 * role=button, an element with a click handler or a pointer cursor) may send
 * every editable field of the form, dialog or section it stands in. The guard
 * then holds the activation only when one of those fields holds a finding.
 * What the control is called ("Send", "Spara", "Reply", an icon) does not
 * matter.
 */
import { EDITABLE_SELECTOR, isEditable, isVisible, type Editable } from './editable';

/** Controls by their role, whatever their label. */
const SEMANTIC_CONTROL =
  "button, input[type='submit'], input[type='button'], input[type='image'], a, [role='button'], [role='link'], [role='menuitem'], [onclick], summary";

/** How far up from an activated element its control is looked for (an svg path inside an icon inside a div). */
const CONTROL_LEVELS = 6;
/** How far up from a control its fields are looked for when no form, dialog or section bounds it. */
const SCOPE_LEVELS = 8;
/** Containers that bound what a control sends: the control sends the fields inside, never those outside. */
const BOUNDARY = "form, dialog, [role='dialog'], [role='alertdialog'], fieldset, section, article, aside, nav, [role='region']";

/** Names of controls that attach or record rather than send: never used to replay a send. */
const NOT_A_SEND = /upload|attach|bifoga|ladda upp|\bfile|\bfil\b|bild|image|photo|voice|mic|röst|record|spela in|emoji|search|sök/i;

/** The control an activation hit: the element itself or an ancestor that is button-like, or null. */
export function controlAt(target: Element): HTMLElement | null {
  let el: Element | null = target;
  for (let depth = 0; el && depth < CONTROL_LEVELS; depth++, el = el.parentElement) {
    if (!(el instanceof HTMLElement) && !(el instanceof SVGElement)) continue;
    if (el instanceof HTMLElement && isEditable(el)) return null; // typing, not activating
    if (el.matches(SEMANTIC_CONTROL)) return el as unknown as HTMLElement;
    if (el instanceof HTMLElement && (el.hasAttribute('tabindex') || el.hasAttribute('title') || hasPointerCursor(el))) return el;
  }
  return null;
}

function hasPointerCursor(el: HTMLElement): boolean {
  const view = el.ownerDocument.defaultView;
  return !!view && view.getComputedStyle(el).cursor === 'pointer';
}

/**
 * The fields a control sends: those of its form, dialog or section, or, in a
 * page without such containers, of its nearest ancestor that holds a field.
 * Empty when the control stands apart from every field (a sidebar link).
 */
export function fieldsSentBy(control: Element): Editable[] {
  let el: Element | null = control.parentElement;
  for (let depth = 0; el && depth < SCOPE_LEVELS; depth++, el = el.parentElement) {
    const fields = fieldsIn(el);
    if (fields.length || el.matches(BOUNDARY)) return fields;
    if (el === el.ownerDocument.body) return [];
  }
  return [];
}

/** How many elements a control's scope is searched for open shadow roots (a web-component composer). */
const SHADOW_SEARCH_LIMIT = 2000;

/** The visible editable fields inside `root`, also inside the open shadow roots of its elements. */
export function fieldsIn(root: Element): Editable[] {
  const out: Editable[] = [];
  collectFields(root, out, { left: SHADOW_SEARCH_LIMIT });
  return out;
}

function collectFields(root: Element | ShadowRoot, out: Editable[], budget: { left: number }): void {
  for (const el of root.querySelectorAll(EDITABLE_SELECTOR)) {
    // A contenteditable inside another is part of the same field.
    if (isEditable(el) && isVisible(el) && !(el.parentElement?.closest(EDITABLE_SELECTOR) && el.parentElement.isContentEditable)) out.push(el);
  }
  for (const el of root.querySelectorAll('*')) {
    if (--budget.left < 0) return;
    if (el.shadowRoot) collectFields(el.shadowRoot, out, budget);
  }
}

/**
 * Whether `control` sends this field: visible, in the field's form or
 * section, not an upload or a microphone; and, unless `evenDisabled`, enabled
 * (as it must be to replay a send with it; a send control is disabled while
 * its composer is empty).
 */
export function isSendCandidate(control: HTMLElement, field: Editable, evenDisabled = false): boolean {
  if (!control.isConnected || !isVisible(control)) return false;
  if (!evenDisabled && ((control as HTMLButtonElement).disabled || control.getAttribute('aria-disabled') === 'true')) return false;
  if (control.querySelector("input[type='file']") || control.closest('label')?.querySelector("input[type='file']")) return false;
  const name = [control.getAttribute('aria-label'), control.title, control.dataset.testid, control.id, control.className, control.textContent]
    .filter((v) => typeof v === 'string')
    .join(' ');
  if (NOT_A_SEND.test(name)) return false;
  return fieldsSentBy(control).includes(field);
}
