/** What counts as a field a person types a prompt into. */

export type Editable = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

/** Every field a person can type a prompt into. */
export const EDITABLE_SELECTOR = [
  'textarea',
  'input:not([type])',
  "input[type='text']",
  "input[type='search']",
  "[contenteditable='true']",
  "[contenteditable='']",
  "[contenteditable='plaintext-only']",
].join(',');

export function isVisible(el: Element): boolean {
  return el.getClientRects().length > 0;
}

/** Input types that hold a line of free text. */
const TEXT_INPUTS = new Set(['text', 'search', '']);

export function isEditable(el: Element): el is Editable {
  if (el instanceof HTMLTextAreaElement) return !el.disabled && !el.readOnly;
  if (el instanceof HTMLInputElement) return TEXT_INPUTS.has(el.getAttribute('type') ?? '') && !el.disabled && !el.readOnly;
  return el instanceof HTMLElement && el.isContentEditable;
}

