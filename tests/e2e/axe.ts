/**
 * axe (WCAG 2.1 A and AA) for the e2e specs: the accessibility spec runs it on
 * every page and dialog state, the policy spec on the states only an
 * organisation policy shows (approved tools, reasons for "send anyway").
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page (or on `include` only) and fails with a readable list of what it found. */
export async function expectNoViolations(page: Page, name: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations, passes } = await builder.analyze();
  const report = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.helpUrl}\n` +
        v.nodes.map((n) => `    ${JSON.stringify(n.target)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
  if (violations.length) console.log(`axe: ${name}: ${violations.length} violation(s)\n${report}`);
  // Something was checked: a selector that matched nothing would pass vacuously.
  expect(passes.length, `${name}: axe checked nothing`).toBeGreaterThan(0);
  expect(violations.length, `${name}: axe found ${violations.length} violation(s)\n${report}`).toBe(0);
}

