/**
 * Promptvakt scan CLI.
 *
 *   npm run --silent scan -- --jsonl            JSON Lines in, one JSON line out per input line
 *   npm run scan -- FILE                         human report for a file (or stdin without FILE)
 *
 * Options: --lang sv|en, --reveal (print values unmasked), --date YYYY-MM-DD
 * (reference date for century inference), --english-nlp (also ask compromise
 * for English names missing from the name lists). Exit status of the report: 0 allow,
 * 1 warn, 2 block, 3 error. The --jsonl contract is documented in docs/CLI.md.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Detector } from '../lib/detectors/detector';
import { withEnglishNlp } from '../lib/detectors/english-nlp';
import { checkBuiltInData } from '../lib/rules/zod-data-check';
import { scan } from '../lib/scan';
import { formatReport, type ReportLanguage } from '../lib/report/text-report';
import { envLanguage } from './env-language';

interface CliOptions {
  jsonl: boolean;
  detectors?: Detector[];
  reveal: boolean;
  lang: ReportLanguage;
  referenceDate?: Date;
  file?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { jsonl: false, reveal: false, lang: envLanguage() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--jsonl') options.jsonl = true;
    else if (arg === '--reveal') options.reveal = true;
    else if (arg === '--english-nlp') options.detectors = withEnglishNlp();
    else if (arg === '--lang') {
      const lang = argv[++i];
      if (lang !== 'sv' && lang !== 'en') throw new UsageError('--lang takes sv or en');
      options.lang = lang;
    } else if (arg === '--date') {
      const value = argv[++i] ?? '';
      const date = new Date(`${value}T12:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) throw new UsageError('--date takes YYYY-MM-DD');
      options.referenceDate = date;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (options.file) throw new UsageError('give at most one FILE');
    else options.file = arg;
  }
  return options;
}

const HELP = `usage: npm run scan -- [FILE|-] [--lang sv|en] [--reveal] [--date YYYY-MM-DD] [--english-nlp]
       npm run --silent scan -- --jsonl < prompts.jsonl
Exit status (report): 0 allow, 1 warn, 2 block, 3 error.
`;

class UsageError extends Error {}

async function runJsonl(options: CliOptions): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(JSON.stringify(scanJsonlLine(line, options)) + '\n');
  }
}

function scanJsonlLine(line: string, options: CliOptions): object {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `invalid JSON: ${(error as Error).message}` };
  }
  const id = input && typeof input === 'object' && 'id' in input ? (input as { id: unknown }).id : null;
  const text = input && typeof input === 'object' ? (input as { text?: unknown }).text : undefined;
  if (typeof text !== 'string') return { id, error: 'each line needs {"id": …, "text": "…"} with a string text' };
  try {
    const result = scan(text, { referenceDate: options.referenceDate, detectors: options.detectors });
    return {
      id,
      decision: result.decision,
      findings: result.findings.map(({ category, rule, start, end, text: match, severity, guidelines }) => ({
        category,
        rule,
        start,
        end,
        text: match,
        severity,
        guidelines,
      })),
    };
  } catch (error) {
    process.stderr.write(`scan failed for id ${JSON.stringify(id)}: ${(error as Error).stack}\n`);
    return { id, error: `scan failed: ${(error as Error).message}` };
  }
}

async function readAll(file: string | undefined): Promise<string> {
  if (file && file !== '-') return readFileSync(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  // The rules shipped with the engine are checked on every start (the extension trusts its validated build).
  checkBuiltInData();
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`promptvakt scan: ${(error as Error).message}\n${HELP}`);
    return 3;
  }
  if (options.jsonl) {
    await runJsonl(options);
    return 0;
  }
  const text = await readAll(options.file);
  const result = scan(text, { referenceDate: options.referenceDate, detectors: options.detectors });
  process.stdout.write(formatReport(text, result, { lang: options.lang, reveal: options.reveal, source: options.file ?? 'stdin' }));
  return { allow: 0, warn: 1, block: 2 }[result.decision];
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`promptvakt scan: ${(error as Error).message}\n`);
    process.exitCode = 3;
  },
);
