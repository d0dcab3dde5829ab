/** Reading rendered markup (react-dom/server output) in page tests. */
import { expect } from 'vitest';

/** The markup of one element, from its opening tag (found by `attr`) to its closing tag. */
export function element(html: string, tag: string, attr: string): string {
  const start = html.indexOf(attr);
  expect(start, attr).toBeGreaterThan(-1);
  const open = html.lastIndexOf(`<${tag}`, start);
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(open, end + tag.length + 3);
}

/** The characters React escapes, back as they were. */
export const decode = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Visible text, roughly: tags dropped, entities decoded, white space collapsed. */
export const text = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
