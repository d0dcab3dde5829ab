/**
 * Which page a frame belongs to. The content script runs in every frame of a
 * protected page (all_frames), including about:blank and about:srcdoc frames
 * that the page fills itself (match_about_blank). Those have no address of
 * their own, so the site adapter and the policy's mode come from the nearest
 * ancestor frame with an http(s) address: the frame shares its origin.
 */

/** The parts of a Window this needs (a test passes plain objects). */
export interface FrameLike {
  readonly location: { readonly href: string };
  readonly parent: FrameLike;
}

/** Frames nested deeper than this are not followed (a page cannot make us loop). */
const MAX_DEPTH = 32;

export function pageUrlOfFrame(frame: FrameLike): URL {
  let current = frame;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const href = readableHref(current);
    // A cross-origin ancestor cannot be read: this frame is not the page's own.
    if (href === null) break;
    if (/^https?:/i.test(href)) return new URL(href);
    if (current.parent === current) break;
    current = current.parent;
  }
  return new URL(frame.location.href);
}

function readableHref(frame: FrameLike): string | null {
  try {
    return frame.location.href;
  } catch {
    return null;
  }
}

/** Whether this is the tab's top frame (the one that reports the tab's protection state). */
export function isTopFrame(frame: { readonly top: unknown }): boolean {
  return frame.top === frame;
}
