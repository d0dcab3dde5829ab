/**
 * One Promptvakt per frame, and no way for the page to switch it off.
 *
 * WXT stops an older copy of a content script when a newer one starts in the
 * same frame: the newer one dispatches a CustomEvent on the document named
 * `<extension id>:content:wxt:content-script-started`, and the older one's
 * context invalidates itself (the guard is uninstalled). Any page script can
 * dispatch that event (the extension id is public: the manifest key fixes it),
 * which would let a page turn protection off with one line. So the event is
 * stopped at the window, in the capture phase, before it reaches WXT's
 * listener on the document; a newer copy replaces an older one instead
 * through the isolated world's global object, which page scripts cannot reach.
 */

const stopHere = (event: Event) => event.stopImmediatePropagation();

/**
 * Stops every `eventName` event at `target` (the window) before it goes
 * further. Calling it again adds nothing twice; the returned function removes it.
 */
export function shieldFromForgedRestart(target: EventTarget, eventName: string): () => void {
  target.addEventListener(eventName, stopHere, { capture: true });
  return () => target.removeEventListener(eventName, stopHere, { capture: true });
}

export interface RunningCopy {
  stop(): void;
  /** Still connected to the extension (false once an update or reload has cut it off). */
  isLive(): boolean;
}

/** The isolated world's global object: shared by our copies in a frame, invisible to the page. */
export interface IsolatedGlobal {
  promptvaktContentScript?: RunningCopy;
}

/** Stops the copy already running in this frame (if any) and records `current` as the one that runs. */
export function replaceRunningCopy(scope: IsolatedGlobal, current: RunningCopy): void {
  const previous = scope.promptvaktContentScript;
  scope.promptvaktContentScript = current;
  if (previous && previous !== current) previous.stop();
}
