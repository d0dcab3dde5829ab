/**
 * Fuzzing the scan CLI (cli/scan.ts, prebuilt: dist/cli/promptvakt-scan.mjs, which `npm run scan`
 * runs) against its contract (../shared/eval/README.md, docs/CLI.md). Each case is one real
 * process, as tests/unit/cli.test.ts runs it,
 * so the runs are few and each carries a batch of lines:
 *   --jsonl: exactly one JSON line per non-blank input line, in order, nothing
 *            else on stdout; a result equal to scan() with the built-in policy,
 *            or an "error" field for a malformed line; exit 0;
 *   report:  exit 0/1/2 for allow/warn/block of the whole input;
 * and never a stack trace, whatever the bytes (invalid UTF-8, NUL, empty, 5 MB).
 */
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../lib/scan';
import { BUILT_CLI, ensureBuiltCli } from './built-cli';
import { REFERENCE_DATE } from './helpers';

const DATE = '2026-11-24'; // REFERENCE_DATE

beforeAll(ensureBuiltCli, 120_000);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], input: Buffer): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, '--date', DATE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // the CLI may exit before reading everything; its exit status tells
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

const at = { referenceDate: REFERENCE_DATE };
const STACK_TRACE = /^\s+at .+(?:\(|:\d+:\d+)/m;

/** The lines readline gives the CLI (\n, \r\n and a lone \r end a line), without the blank ones it skips. */
function inputLines(input: Buffer): string[] {
  return input
    .toString('utf8')
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim());
}

/** What the contract says the CLI must print for one input line. */
function expectedFor(line: string): { id: unknown; error?: RegExp; text?: string } {
  let input: unknown;
  try {
    input = JSON.parse(line.replace(/^\uFEFF/, '')); // a line's leading byte-order mark is skipped
  } catch {
    return { id: null, error: /^invalid JSON/ };
  }
  const id = input && typeof input === 'object' && 'id' in input ? (input as { id: unknown }).id : null;
  const text = input && typeof input === 'object' ? (input as { text?: unknown }).text : undefined;
  if (typeof text !== 'string') return { id, error: /text/ };
  return { id, text };
}

function checkJsonlRun(input: Buffer, run: Run): void {
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const lines = inputLines(input);
  const out = run.stdout === '' ? [] : run.stdout.split('\n');
  // Every output line ends with '\n': the last element of the split is empty.
  if (out.length) expect(out.pop()).toBe('');
  expect(out).toHaveLength(lines.length);
  lines.forEach((line, i) => {
    const got = JSON.parse(out[i]!);
    const want = expectedFor(line);
    expect(got.id, `line ${i}`).toEqual(want.id);
    if (want.error) {
      expect(Object.keys(got).sort()).toEqual(['error', 'id']);
      expect(got.error).toMatch(want.error);
      return;
    }
    const result = scan(want.text!, at);
    expect(got).toEqual({
      id: want.id,
      decision: result.decision,
      findings: result.findings.map(({ category, rule, start, end, text, severity, guidelines }) => ({ category, rule, start, end, text, severity, guidelines })),
    });
    for (const f of got.findings) expect(want.text!.slice(f.start, f.end)).toBe(f.text);
  });
}

const EXIT = { allow: 0, warn: 1, block: 2 } as const;

function checkReportRun(input: Buffer, run: Run): void {
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stderr).toBe('');
  const text = input.toString('utf8').replace(/^\uFEFF/, ''); // a leading byte-order mark is skipped
  const result = scan(text, at);
  expect(run.status).toBe(EXIT[result.decision]);
  expect(run.stdout.startsWith('stdin: ')).toBe(true);
  // One entry per finding, in order: "line:column  category  "excerpt"  [action, rule]".
  const entries = [...run.stdout.matchAll(/^\d+:\d+ {2}(\S+) {2}(".*") {2}\[[^,\n]+, ([^\]\n]+)\]$/gm)];
  expect(entries.map((m) => [m[1], m[3]])).toEqual(result.findings.map((f) => [f.category, f.rule]));
  // Identity numbers are masked unless --reveal is given.
  result.findings.forEach((f, i) => {
    if (f.category === 'personnummer' || f.category === 'samordningsnummer') expect(JSON.parse(entries[i]![2]!)).not.toBe(f.text);
  });
}

// ---------------------------------------------------------------------------
// Arbitraries

const TEXT_PIECES = [
  'Pnr 640823-4174', '８５０７０９−９８０５', '850709\u200B-9805', 'HEMLIG\nBeredskapsplan', 'KONFIDENTIELL\r\nText', 'min kollega Lena är sjukskriven',
  'anna@exempel.se', '\u0000', '\uD800', '\uFEFF', '\u2028', '\u202E', '😀', 'Sekretess enligt 26 kap. 1 § OSL', '"', '\\', '{}', '\r', '\n', '\t',
];
const promptText = fc.array(fc.oneof(fc.constantFrom(...TEXT_PIECES), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 8 }).map((p) => p.join(' '));
const idArb = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 1 }));

/** One input line: mostly valid requests, and every way a line can be wrong. */
const lineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ id: idArb, text: promptText }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.record({ text: promptText }).map((o) => JSON.stringify(o)) }, // no id
  { weight: 1, arbitrary: fc.record({ id: idArb, text: fc.jsonValue({ maxDepth: 1 }) }).map((o) => JSON.stringify(o)) }, // text not a string
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) }, // not an object
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, // not JSON
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t', '{', '{"id": 1, "text": "unterminated', '\uFEFF{"id":"bom","text":"x"}', '[]', 'null', '{"id":1,"text":"a"} trailing') },
);
/** Bytes that are not UTF-8, spliced into the input. */
const BAD_BYTES = [[0xff], [0xfe, 0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0x00]];
const splicesArb = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD_BYTES)), { maxLength: 5 });

function splice(input: Buffer, splices: [number, number[]][]): Buffer {
  let bytes = input;
  for (const [at, bad] of splices) {
    const p = bytes.length ? at % bytes.length : 0;
    bytes = Buffer.concat([bytes.subarray(0, p), Buffer.from(bad), bytes.subarray(p)]);
  }
  return bytes;
}

// ---------------------------------------------------------------------------

describe('scan CLI --jsonl under fuzzing', () => {
  it('one result or error line per input line, equal to scan(), whatever the lines and bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 60 }), fc.constantFrom('\n', '\r\n'), splicesArb, async (lines, eol, splices) => {
        const input = splice(Buffer.from(lines.join(eol) + eol, 'utf8'), splices);
        checkJsonlRun(input, await runCli(['--jsonl'], input));
      }),
      { numRuns: 2 },
    );
  }, 60_000);
});

describe('scan CLI report under fuzzing', () => {
  it('exits 0/1/2 by the decision for the whole input, never with a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(promptText, fc.uint8Array({ maxLength: 200 }), splicesArb, async (text, noise, splices) => {
        const input = splice(Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from(noise)]), splices);
        checkReportRun(input, await runCli(['--lang', 'en'], input));
      }),
      { numRuns: 2 },
    );
  }, 60_000);
});

describe('scan CLI edge inputs', () => {
  it('empty input, only blank lines, NUL bytes, invalid UTF-8 and 5 MB, in both modes', async () => {
    // 5 MB of prose with an identity number every hundred lines.
    const bigText = Array.from({ length: 70_000 }, (_, i) => (i % 100 === 0 ? `Sökande ${i}: Per Nilsson, 640823-4174.\n` : `Anteckning ${i} om ärendet, beslut i nämnden i dag.\n`)).join('');
    expect(bigText.length).toBeGreaterThan(3_500_000);
    const big = bigText + bigText.slice(0, 5_000_000 - bigText.length);
    const nul = Buffer.from('Pnr 640823-4174\u0000\u0000 HEMLIG\u0000', 'utf8');
    const invalid = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' 850709-9805 ', 'utf8'), Buffer.from([0xed, 0xa0, 0x80, 0x80])]);
    const line = (o: object) => Buffer.from(JSON.stringify(o) + '\n');
    const mixedJsonl = Buffer.concat([
      Buffer.from('\n  \r\n\t\n'), // blank lines are skipped
      line({ id: 'nul', text: 'a\u0000b 640823-4174' }),
      Buffer.from('\u0000\n'),
      Buffer.from('{"id":"bad","text":"'), Buffer.from([0xff, 0xc3]), Buffer.from('"}\n'),
      invalid, Buffer.from('\n'),
      line({ id: 'big', text: big }),
      line({ id: 'after', text: 'HEMLIG\nPlan' }),
    ]);
    const cases: [Buffer, 'jsonl' | 'report'][] = [
      [Buffer.alloc(0), 'jsonl'],
      [mixedJsonl, 'jsonl'],
      [Buffer.alloc(0), 'report'],
      [Buffer.concat([nul, invalid]), 'report'],
      [Buffer.from(big), 'report'],
    ];
    // Two at a time: each is a process of its own.
    const runs: Run[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      runs.push(...(await Promise.all(cases.slice(i, i + 2).map(([input, mode]) => runCli(mode === 'jsonl' ? ['--jsonl'] : ['--lang', 'en'], input)))));
    }
    cases.forEach(([input, mode], i) => (mode === 'jsonl' ? checkJsonlRun(input, runs[i]!) : checkReportRun(input, runs[i]!)));
    // Spot checks of what the contract promises for these inputs.
    expect(runs[0]!.stdout).toBe('');
    expect(runs[1]!.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).id)).toEqual(['nul', null, 'bad', null, 'big', 'after']);
    expect(runs[2]!.stdout).toContain('Nothing to report.');
    expect(runs[3]!.status).toBe(2);
    expect(runs[4]!.status).toBe(2);
  }, 120_000);
});
