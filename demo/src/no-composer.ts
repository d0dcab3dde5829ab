/**
 * A page without any composer (for the extension's "protection degraded"
 * state): no textarea, no input, no contenteditable. It still defines
 * `window.__sent` / `window.__uploads` (always empty).
 */
import { mountWhenReady } from './shared/common';

mountWhenReady('no-composer', () => {});
