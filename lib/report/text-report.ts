/**
 * The CLI's human-readable report: where each finding is (line:column), what
 * it is, a masked excerpt, why it matters and which guideline applies.
 */
import { markingPlaceSentence } from './marking-places';
import { REPORT_STRINGS } from '../i18n/report-strings';
import type { UiLanguage } from '../i18n/language';
import { maskForDisplay } from '../redaction/mask';
import { builtInCatalogue } from '../rules/catalogue';
import type { ScanResult } from '../types';

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): [number, number] {
  return lineColumns(text)(offset);
}

/**
 * Line and column of offsets asked in ascending order, counting each line
 * break once: a 5 MB text with thousands of findings is not re-read per finding.
 */
function lineColumns(text: string): (offset: number) => [number, number] {
  let line = 1;
  let lineStart = 0;
  let counted = 0; // line breaks before this offset are counted
  return (offset) => {
    if (offset < counted) return lineColumn(text, offset);
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    counted = offset;
    return [line, offset - lineStart + 1];
  };
}

export function formatReport(
  text: string,
  result: ScanResult,
  options: { lang: UiLanguage; reveal: boolean; source: string },
): string {
  const w = REPORT_STRINGS[options.lang];
  const catalogue = builtInCatalogue();
  const position = lineColumns(text);
  const out: string[] = [`${options.source}: ${w.decision[result.decision]} – ${w.findings(result.findings.length)}`];
  if (!result.findings.length) out.push(w.none);
  for (const f of result.findings) {
    const rule = catalogue.rules.get(f.rule);
    const [line, column] = position(f.start);
    const excerpt = options.reveal ? f.text : maskForDisplay(f.category, f.text);
    out.push('');
    out.push(`${line}:${column}  ${f.category}  ${JSON.stringify(excerpt)}  [${w.action[f.action]}, ${f.rule}]`);
    if (rule) out.push(`  ${rule.title[options.lang]}: ${rule.reason[options.lang]}`);
    if (f.where) out.push(`  ${markingPlaceSentence(f.where, options.lang)}`);
    const guideline = rule?.guidelines.map((id) => catalogue.guidelines.get(id)).find(Boolean);
    if (guideline) out.push(`  ${w.guideline}: ${guideline.title[options.lang]} – ${guideline.url}`);
  }
  return out.join('\n') + '\n';
}
