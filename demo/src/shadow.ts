/**
 * A composer inside a web component: `<chat-box>` has an open shadow root
 * holding a `<form>` with a `<textarea>` and a submit button, as chat UIs
 * built from web components do. Events from inside reach the window
 * retargeted to `<chat-box>`; `submit` does not leave the shadow root at all.
 */
import { mountWhenReady } from './shared/common';
import { wireTextareaComposer } from './shared/textarea-composer';

class ChatBox extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <style>form { display: flex; gap: .5rem } textarea { flex: 1; font: inherit }</style>
      <form id="composer-form">
        <textarea id="prompt" rows="3" aria-label="Prompt" placeholder="Skriv en prompt …"></textarea>
        <button type="submit">Skicka</button>
      </form>`;
    wireTextareaComposer(root.querySelector('form')!, root.querySelector('textarea')!);
  }
}

mountWhenReady('shadow', () => {
  customElements.define('chat-box', ChatBox);
});
