import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../../scripts/rules-doc';

describe('docs/RULES.md', () => {
  it('is generated from rules/ and up to date (npx tsx scripts/rules-doc.ts --write)', () => {
    expect(readFileSync('docs/RULES.md', 'utf8')).toBe(renderRulesDoc());
  });
});
