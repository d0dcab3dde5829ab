/**
 * How the robustness mocks read their own fields when robust-hostile.ts has
 * replaced the prototypes' getters (value, innerText) with ones that return
 * '': through the original getters it saved on `window.__native` first.
 */
interface NativeReaders {
  value: (this: HTMLTextAreaElement) => string;
  innerText: (this: HTMLElement) => string;
}

const saved = (window as unknown as { __native?: NativeReaders }).__native;

export function nativeTextareaValue(el: HTMLTextAreaElement): string {
  return saved ? saved.value.call(el) : el.value;
}

export function nativeInnerText(el: HTMLElement): string {
  return saved ? saved.innerText.call(el) : el.innerText;
}
