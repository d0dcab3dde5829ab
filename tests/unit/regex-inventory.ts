/**
 * Every regular expression built into the engine (lib/), for the ReDoS test
 * (tests/unit/redos.test.ts) and the engine benchmark:
 *   - regex literals, read from the source of lib/**\/*.ts;
 *   - regexes built with `new RegExp(…)`, which the modules export, listed
 *     below by file; the test fails when a file has a `new RegExp(` this list
 *     does not account for.
 * Rules data (rules/) holds no regular expressions: its vocabulary goes through
 * the word lexicon (lib/text/lexicon.ts), not through regexes.
 *
 * Also here: adversarial texts built from a regex's own alphabet, and the
 * timing of a regex over them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import anchorWords from '../../rules/sensitive/anchors.json';
import sitesJson from '../../rules/sites.json';
import { HOSTNAME_RE } from '../../lib/counters/catalogue';
import { CONTEXT_PATTERNS } from '../../lib/detectors/identity-numbers/context';
import { GAP_PATTERNS } from '../../lib/detectors/identity-numbers/digit-chains';
import { RECALL_PATTERNS } from '../../lib/detectors/markings/recall';
import { KEY_SCAN } from '../../lib/detectors/credentials/labelled';
import { STICKY } from '../../lib/detectors/credentials/tokens';
import { PLACEHOLDER_PATTERN } from '../../lib/detectors/credentials/value-shape';
import { BARE_REF, FIRST_REF, LEVEL_ANY_CASE, LEVEL_CAPS, MORE_REF } from '../../lib/detectors/markings/terms';
import { labelPattern } from '../../lib/detectors/sensitive/anchors';
import { DETECTOR_NEEDLES } from '../../lib/detectors/text-needles';
import { pathPattern } from '../../lib/sites/built-in-sites';
import { PLACEHOLDER_LABELS } from '../../lib/i18n/placeholder-labels';
import { placeholderPattern } from '../../lib/redaction/restore';
import { ADDRESS_PATTERNS } from '../../lib/redaction/identifiers';

export interface BuiltInRegex {
  /** Where it is written: `lib/x.ts:12` for a literal, `lib/x.ts NAME` for a built one. */
  where: string;
  regex: RegExp;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LIB = join(ROOT, 'lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Keywords after which a '/' starts a regex, not a division. */
const BEFORE_REGEX_WORDS = new Set(['return', 'typeof', 'case', 'in', 'of', 'new', 'delete', 'void', 'throw', 'else', 'do', 'yield', 'await', 'instanceof']);

/**
 * The regex literals of a TypeScript source: a small tokenizer that skips
 * comments, strings and template literals (with nested `${…}`) and tells a
 * regex from a division by the token before it.
 */
export function regexLiterals(source: string): { line: number; body: string; flags: string }[] {
  const found: { line: number; body: string; flags: string }[] = [];
  const braces: ('code' | 'template')[] = [];
  let prev = ''; // last significant character, or a word
  let i = 0;
  const n = source.length;
  const lineAt = (k: number) => source.slice(0, k).split('\n').length;
  const readTemplate = () => {
    // At the character after '`' (or after the '}' closing a ${…}): up to the closing '`' or the next '${'.
    while (i < n) {
      const c = source[i]!;
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        prev = 'x';
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        braces.push('template');
        i += 2;
        prev = '{';
        return;
      } else i++;
    }
  };
  while (i < n) {
    const c = source[i]!;
    if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      for (i++; i < n && source[i] !== c; i++) if (source[i] === '\\') i++;
      i++;
      prev = 'x';
      continue;
    }
    if (c === '`') {
      i++;
      readTemplate();
      continue;
    }
    if (c === '{') braces.push('code');
    if (c === '}') {
      if (braces.pop() === 'template') {
        i++;
        readTemplate();
        continue;
      }
    }
    if (/[\p{L}\p{N}_$]/u.test(c)) {
      const start = i;
      while (i < n && /[\p{L}\p{N}_$]/u.test(source[i]!)) i++;
      prev = source.slice(start, i);
      continue;
    }
    if (c === '/' && (prev === '' || /^[(,=:[!&|?{};~+\-*%<>^]$/.test(prev) || BEFORE_REGEX_WORDS.has(prev))) {
      const start = i;
      let inClass = false;
      for (i++; i < n; i++) {
        const d = source[i]!;
        if (d === '\\') i++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        else if (d === '\n') throw new Error(`unterminated regex literal at line ${lineAt(start)}`);
      }
      const body = source.slice(start + 1, i);
      i++;
      const flagsStart = i;
      while (i < n && /[a-z]/.test(source[i]!)) i++;
      found.push({ line: lineAt(start), body, flags: source.slice(flagsStart, i) });
      prev = 'x';
      continue;
    }
    prev = c;
    i++;
  }
  return found;
}

/** Files that build regexes with `new RegExp(…)`, and the regexes they build (exported for this list). */
export const BUILT_REGEXES: Record<string, { count: number; regexes: () => [string, RegExp][] }> = {
  'lib/detectors/markings/terms.ts': {
    count: 5,
    regexes: () => [['LEVEL_ANY_CASE', LEVEL_ANY_CASE], ['LEVEL_CAPS', LEVEL_CAPS], ['FIRST_REF', FIRST_REF], ['MORE_REF', MORE_REF], ['BARE_REF', BARE_REF]],
  },
  'lib/detectors/credentials/value-shape.ts': { count: 1, regexes: () => [['PLACEHOLDER_PATTERN', PLACEHOLDER_PATTERN]] },
  'lib/detectors/credentials/labelled.ts': { count: 1, regexes: () => [['KEY_SCAN', KEY_SCAN]] },
  'lib/detectors/credentials/tokens.ts': { count: 1, regexes: () => [...STICKY.values()].map((re, i): [string, RegExp] => [`STICKY[${i}]`, re]) },
  'lib/detectors/identity-numbers/digit-chains.ts': { count: 3, regexes: () => Object.entries(GAP_PATTERNS) },
  'lib/detectors/identity-numbers/context.ts': { count: 2, regexes: () => Object.entries(CONTEXT_PATTERNS) },
  'lib/detectors/markings/recall.ts': { count: 9, regexes: () => Object.entries(RECALL_PATTERNS) },
  // The one search for the hint words of the markings and credentials detectors (lib/detectors/text-needles.ts).
  'lib/text/needles.ts': { count: 1, regexes: () => [['DETECTOR_NEEDLES', DETECTOR_NEEDLES.regex]] },
  'lib/counters/catalogue.ts': { count: 1, regexes: () => [['HOSTNAME_RE', HOSTNAME_RE]] },
  'lib/detectors/sensitive/anchors.ts': { count: 1, regexes: () => [['labelPattern(anchors.json labels)', labelPattern(anchorWords.labels)]] },
  'lib/redaction/restore.ts': {
    count: 1,
    // Built from the labels of the placeholders a conversation sent: here every label, in every interface language.
    regexes: () => [['placeholderPattern(every placeholder label)', placeholderPattern(Object.values(PLACEHOLDER_LABELS).flatMap((l) => Object.values(l)))]],
  },
  'lib/redaction/identifiers.ts': { count: 2, regexes: () => Object.entries(ADDRESS_PATTERNS) },
  'lib/sites/built-in-sites.ts': {
    count: 1,
    regexes: () => {
      const paths = new Set(sitesJson.sites.flatMap((s) => s.matches.map((m) => m.slice(m.indexOf('/', m.indexOf('//') + 2)))));
      paths.add('/chat*'); // an organisation site "example.se/chat"
      return [...paths].map((p): [string, RegExp] => [`pathPattern(${JSON.stringify(p)})`, pathPattern(p)]);
    },
  },
};

/** How many times each lib file calls `new RegExp(`, read from the source (comments excluded). */
export function newRegExpSites(): Record<string, number> {
  const sites: Record<string, number> = {};
  for (const file of sourceFiles(LIB)) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const count = code.match(/new RegExp\(/g)?.length ?? 0;
    if (count) sites[relative(ROOT, file)] = count;
  }
  return sites;
}

/** Every built-in regular expression, literal or built. */
export function builtInRegexes(): BuiltInRegex[] {
  const all: BuiltInRegex[] = [];
  for (const file of sourceFiles(LIB)) {
    const rel = relative(ROOT, file);
    for (const { line, body, flags } of regexLiterals(readFileSync(file, 'utf8'))) {
      all.push({ where: `${rel}:${line}`, regex: new RegExp(body, flags) });
    }
  }
  for (const [file, { regexes }] of Object.entries(BUILT_REGEXES)) {
    for (const [name, regex] of regexes()) all.push({ where: `${file} ${name}`, regex });
  }
  return all;
}

// ---------------------------------------------------------------------------
// Adversarial input

/** Words of three or more letters written in a regex's source ("HEMLIG", "kap", "noforn"). */
function literalWords(source: string): string[] {
  const words = source.replace(/\\[pPu]\{[^}]*\}|\\[a-zA-Z]/g, ' ').match(/[\p{L}]{3,}/gu) ?? [];
  return [...new Set(words)].slice(0, 12);
}

/**
 * What to repeat into texts that make a backtracking regex work hard: runs of
 * what its classes accept (digits, digits and dashes, spaces, tabs, letters),
 * its own literal words repeated without what would complete a match, and
 * near-miss identity numbers and markings.
 */
export function adversarialUnits(regex: RegExp): string[] {
  const units = [
    '1', '12-', '1 ', ' ', '\t ', 'a', 'A', 'aA1_', 'ab.', '/', 'a@', 'x\n', 'é',
    '850709-980', // near-miss personnummer
    '85070998 ',
    '1.2.3:',
    '26 kap. 1 ', // an OSL reference without its §
    'HEMLIG-',
    'BEGRÄNSAT ', // a level without its last word
    'TOP SECRET/',
    'Klassificering:',
    'SE45 5000 ',
    'ghp_',
  ];
  for (const word of literalWords(regex.source)) units.push(word + ' ', word, word.toUpperCase() + ' ');
  return units;
}

/** `unit` repeated to exactly `size` characters. */
export function fillTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** A copy that searches the whole text: sticky and anchored uses try one position, a search tries them all. */
export function searching(regex: RegExp): RegExp {
  return new RegExp(regex.source, regex.flags.replace(/[gy]/g, '') + 'g');
}

/** Milliseconds to find every match of `regex` in `text` (each position tried, as a global search does); best of `runs`. */
export function timeAllMatches(regex: RegExp, text: string, runs = 1): number {
  const re = searching(regex);
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    re.lastIndex = 0;
    const t0 = performance.now();
    for (let m = re.exec(text); m; m = re.exec(text)) if (m[0] === '') re.lastIndex++;
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export interface RegexTiming {
  where: string;
  regex: RegExp;
  /** What the slowest adversarial text repeats. */
  unit: string;
  ms: number;
}

/**
 * The slowest adversarial text of a regex: every text is tried at `probe`
 * characters, and the `picks` slowest again at `size` characters (best of two).
 */
export function slowestTexts(entry: BuiltInRegex, size: number, probe = 20_000, picks = 2): RegexTiming {
  const candidates = adversarialUnits(entry.regex)
    .map((unit) => ({ unit, ms: timeAllMatches(entry.regex, fillTo(unit, probe)) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, picks);
  let worst: RegexTiming = { ...entry, unit: '', ms: -1 };
  for (const { unit } of candidates) {
    const ms = timeAllMatches(entry.regex, fillTo(unit, size), 2);
    if (ms > worst.ms) worst = { ...entry, unit, ms };
  }
  return worst;
}

/** The slowest built-in regexes on adversarial text of `size` characters, slowest first (the benchmark prints them). */
export function slowestBuiltInRegexes(size = 100_000, count = 3): RegexTiming[] {
  return builtInRegexes()
    .map((entry) => slowestTexts(entry, size, 10_000, 1))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}
