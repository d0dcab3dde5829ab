/**
 * An organisation's own rules as a detector: keyword lists through the same
 * word-hash lexicon as the built-in vocabulary (fast whatever the number of
 * keywords), regular expressions through a linear-time engine that the caller
 * provides (RE2JS; not in the content script, see regex-engine.ts).
 *
 * Both run on the normalised text (Unicode digits and dashes folded, zero-width
 * characters dropped), so "PROJEKT NORDSTJÄRNA" and a pattern like
 * `\d{4}-\d{2}` match whatever dash or digit forms the user typed.
 */
import type { Detector } from '../detectors/detector';
import { Lexicon, tokenize } from '../text/lexicon';
import type { Category, RawFinding, Severity } from '../types';
import type { RegexEngine } from './regex-engine';

/** A custom rule as the engine needs it (a validated policy's customRules entry). */
export interface CustomRuleSpec {
  id: string;
  kind: 'keywords' | 'regex';
  keywords?: string[];
  pattern?: string;
  caseSensitive?: boolean;
  category: Category;
  severity: Severity;
}

export const CUSTOM_RULE_PREFIX = 'custom.';

export function customRuleId(id: string): string {
  return CUSTOM_RULE_PREFIX + id;
}

export function isCustomRule(ruleId: string): boolean {
  return ruleId.startsWith(CUSTOM_RULE_PREFIX);
}

export function hasRegexRules(rules: readonly CustomRuleSpec[]): boolean {
  return rules.some((r) => r.kind === 'regex');
}

/**
 * The detector for a policy's custom rules. Without a regex engine, a policy
 * with regex rules cannot be checked here: the detector throws rather than
 * let those rules silently not apply.
 */
export function customRulesDetector(rules: readonly CustomRuleSpec[], regex: RegexEngine | null): Detector {
  const lexicon = new Lexicon<CustomRuleSpec>();
  for (const rule of rules) {
    if (rule.kind !== 'keywords') continue;
    for (const keyword of rule.keywords ?? []) lexicon.add(keyword, rule, rule.caseSensitive ?? false);
  }
  const regexRules = rules.filter((r) => r.kind === 'regex' && r.pattern);
  const hasKeywords = rules.some((r) => r.kind === 'keywords');
  return {
    id: 'custom-rules',
    detect({ norm }): RawFinding[] {
      const found: RawFinding[] = [];
      if (hasKeywords) {
        for (const m of lexicon.match(tokenize(norm.text))) {
          found.push({ category: m.tag.category, rule: customRuleId(m.tag.id), start: m.start, end: m.end, severity: m.tag.severity });
        }
      }
      if (regexRules.length) {
        if (!regex) throw new Error('custom regex rules need the regex engine (checked by the background)');
        for (const rule of regexRules) {
          for (const [start, end] of regex.findAll(rule.pattern!, rule.caseSensitive ?? false, norm.text)) {
            found.push({ category: rule.category, rule: customRuleId(rule.id), start, end, severity: rule.severity });
          }
        }
      }
      return found;
    },
  };
}
