/**
 * Engine benchmark: `npm run bench`.
 * Prints median and p95 of scan() on 1 KB, 10 KB, 100 KB and 1 MB of Swedish
 * text, two single-pass baseline regexes over the same text, the ratio, and
 * time per KB (linear growth shows as a flat column). Targets on the 2-core CI
 * machine: 100 KB ≤ 5 ms median, ratio ≤ 10.
 *
 * Baselines: "words" visits every word once (/[\p{L}\p{N}]+/gu) — the least
 * any scanner that reads the prompt must do, and the one the ratio uses;
 * "digits" only looks for personnummer-shaped digit runs, which V8 can skip
 * through without reading words, so it shows the floor, not a fair rival.
 *
 * Last lines: the slowest built-in regexes on adversarial input, and the worst
 * case of an admin's RE2 pattern at the program-size limit.
 */
import { re2Engine } from '../lib/policy/regex-engine';
import { POLICY_LIMITS } from '../lib/policy/schema';
import { scan } from '../lib/scan';
import { slowestBuiltInRegexes } from '../tests/unit/regex-inventory';
import { swedishText } from './swedish-text';

const SIZES: [string, number, number][] = [
  ['1 KB', 1_000, 400],
  ['10 KB', 10_000, 200],
  ['100 KB', 100_000, 60],
  ['1 MB', 1_000_000, 12],
];

const WORDS = /[\p{L}\p{N}]+/gu;
const DIGITS = /\d{6}[-+ ]?\d{4}/g;
function countMatches(re: RegExp, text: string): number {
  let count = 0;
  re.lastIndex = 0;
  while (re.exec(text)) count++;
  return count;
}

function measure(fn: () => unknown, runs: number): { median: number; p95: number } {
  for (let i = 0; i < 20; i++) fn(); // warm up the JIT (optimised tiers arrive after a few runs)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
}

const referenceDate = new Date('2026-11-24T12:00:00Z');
const rows: string[][] = [
  ['size', 'scan median ms', 'scan p95 ms', 'words-regex ms', 'digits-regex ms', 'ratio (scan/words)', 'scan ms/KB', 'findings'],
];
for (const [label, bytes, runs] of SIZES) {
  const text = swedishText(bytes);
  const findings = scan(text, { referenceDate }).findings.length;
  const s = measure(() => scan(text, { referenceDate }), runs);
  const words = measure(() => countMatches(WORDS, text), runs);
  const digits = measure(() => countMatches(DIGITS, text), runs);
  rows.push([
    label,
    s.median.toFixed(3),
    s.p95.toFixed(3),
    words.median.toFixed(3),
    digits.median.toFixed(3),
    (s.median / Math.max(words.median, 1e-3)).toFixed(1),
    (s.median / (bytes / 1000)).toFixed(4),
    String(findings),
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log('Promptvakt engine benchmark (node ' + process.version + ')');
for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
const heap = process.memoryUsage();
console.log(`heap used ${(heap.heapUsed / 1e6).toFixed(1)} MB, rss ${(heap.rss / 1e6).toFixed(1)} MB`);

// ReDoS: the slowest built-in regular expressions (tests/unit/regex-inventory.ts collects all of
// lib/'s) on 100 KB of adversarial text built from each one's own alphabet, searched at every
// position. tests/unit/redos.test.ts bounds this (catastrophic-only: 2 s, 200 KB/100 KB < 6).
const slowest = slowestBuiltInRegexes(100_000, 3);
console.log(`slowest built-in regex on 100 KB adversarial input: ${slowest[0]!.ms.toFixed(1)} ms`);
for (const r of slowest) console.log(`  ${r.ms.toFixed(1).padStart(7)} ms  ${r.where}  (${JSON.stringify(r.unit)} repeated)  /${r.regex.source.slice(0, 60)}/`);

// Admin regexes (RE2JS, background only): the largest program a policy pattern may compile to
// (POLICY_LIMITS.patternProgramSize) on 100 KB that keeps every instruction busy, case-insensitive
// as custom rules run by default. docs/ADMIN.md ("Your own rules") quotes this figure.
{
  const limit = POLICY_LIMITS.patternProgramSize;
  const largest = `\\w{${limit - 3}}!`; // \w{n}! compiles to n + 3 instructions
  const hostile = 'a'.repeat(100_000);
  re2Engine.findAll(largest, false, hostile.slice(0, 10_000)); // compile and warm up
  const t0 = performance.now();
  re2Engine.findAll(largest, false, hostile);
  const ms = performance.now() - t0;
  console.log(`largest accepted admin regex (/${largest}/, ${limit} RE2 instructions) on 100 KB of "a": ${ms.toFixed(0)} ms`);
}
