/**
 * A plain `<textarea id="prompt">` composer in a `<form>` with
 * `<button type="submit">Skicka</button>`. Enter or the button sends.
 */
import { byId, mountWhenReady } from './shared/common';
import { wireTextareaComposer } from './shared/textarea-composer';

mountWhenReady('textarea', () => {
  wireTextareaComposer(byId('composer-form', HTMLFormElement), byId('prompt', HTMLTextAreaElement));
});
