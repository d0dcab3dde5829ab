/**
 * A link that opens in a new tab and says so to screen readers (the hint is
 * visually hidden). No opener and no referrer go with it.
 */
import type { ReactNode } from 'react';

export function NewTabLink(props: { href: string; hint: string; children: ReactNode }) {
  return (
    <a href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
      <span className="pv-visually-hidden"> {props.hint}</span>
    </a>
  );
}
