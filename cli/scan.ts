/**
 * Promptvakt scan CLI.
 *
 *   npm run --silent scan -- --jsonl [FILE]     JSON Lines in (FILE or stdin), one JSON line out per input line
 *   npm run scan -- FILE                         human report for a file (or stdin without FILE)
 *
 * Options: --lang sv|en, --reveal (print values unmasked), --date YYYY-MM-DD
 * (reference date for century inference), --english-nlp (also ask compromise
 * for English names missing from the name lists). Exit status of the report: 0 allow,
 * 1 warn, 2 block, 3 error. The --jsonl contract is documented in docs/CLI.md.
 * A UTF-8 byte-order mark (Windows editors write one) is not part of the text:
 * it is dropped at the start of the input and of each JSON line.
 *
 * `npm run scan` runs this file prebuilt, dist/cli/promptvakt-scan.mjs (scripts/build-cli.mjs,
 * through the launcher scripts/scan.mjs); `npm run scan:dev` runs it with tsx.
 */
import { createReadStream, readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Detector } from '../lib/detectors/detector';
import { scan } from '../lib/scan';
import type { UiLanguage } from '../lib/i18n/language';
import { formatReport } from '../lib/report/text-report';
import { envLanguage } from './env-language';

interface CliOptions {
  jsonl: boolean;
  /** --english-nlp: compromise is large, so it is loaded (main()) only when asked for. */
  englishNlp: boolean;
  detectors?: Detector[];
  reveal: boolean;
  lang: UiLanguage;
  referenceDate?: Date;
  file?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { jsonl: false, englishNlp: false, reveal: false, lang: envLanguage() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--jsonl') options.jsonl = true;
    else if (arg === '--reveal') options.reveal = true;
    else if (arg === '--english-nlp') options.englishNlp = true;
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
       npm run --silent scan -- --jsonl [FILE|-]    (no FILE or -: JSON Lines from stdin)
Exit status (report): 0 allow, 1 warn, 2 block, 3 error.
`;

class UsageError extends Error {}

/**
 * True in the prebuilt CLI (scripts/build-cli.mjs defines it): its rules data was checked with the
 * zod schemas when it was built, as the extension's is (wxt.config.ts), so it starts without zod.
 */
declare const PROMPTVAKT_PREBUILT_CLI: true | undefined;

const BOM = '\uFEFF';

/** `text` without a leading byte-order mark. */
function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The message of anything thrown (not every throw is an Error, and a hostile one may not even print). */
function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

async function runJsonl(options: CliOptions): Promise<void> {
  const input = options.file && options.file !== '-' ? createReadStream(options.file) : process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    // A file written on Windows starts with a BOM (and so does each of several joined with cat).
    const line = withoutBom(raw);
    if (!line.trim()) continue;
    process.stdout.write(JSON.stringify(scanJsonlLine(line, options)) + '\n');
  }
}

function scanJsonlLine(line: string, options: CliOptions): object {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `invalid JSON: ${messageOf(error)}` };
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
    // The contract: an "error" line for this input line, a diagnostic on stderr, and the run goes on.
    process.stderr.write(`promptvakt scan: scan failed for id ${JSON.stringify(id)}: ${messageOf(error)}\n`);
    return { id, error: `scan failed: ${messageOf(error)}` };
  }
}

async function readAll(file: string | undefined): Promise<string> {
  if (file && file !== '-') return withoutBom(readFileSync(file, 'utf8'));
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return withoutBom(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Runs the CLI on `argv` (the arguments after the script) and resolves to the
 * exit status. Whatever goes wrong, it writes a one-line diagnostic to stderr
 * and resolves to 3, never a stack trace; in --jsonl a failing line gets its
 * "error" line instead and the run goes on.
 */
export async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    // The rules shipped with the engine are checked on every start (the extension and the prebuilt CLI trust their validated build).
    if (typeof PROMPTVAKT_PREBUILT_CLI === 'undefined') (await import('../lib/rules/zod-data-check')).checkBuiltInData();
    options = parseArgs(argv);
    // A chunk of its own in the prebuilt CLI (scripts/build-cli.mjs), read only with --english-nlp.
    if (options.englishNlp) options.detectors = (await import('../lib/detectors/english-nlp')).withEnglishNlp();
  } catch (error) {
    process.stderr.write(`promptvakt scan: ${messageOf(error)}\n${error instanceof UsageError ? HELP : ''}`);
    return 3;
  }
  try {
    if (options.jsonl) {
      await runJsonl(options);
      return 0;
    }
    const text = await readAll(options.file);
    let result: ReturnType<typeof scan>;
    try {
      result = scan(text, { referenceDate: options.referenceDate, detectors: options.detectors });
    } catch (error) {
      process.stderr.write(`promptvakt scan: scan failed: ${messageOf(error)}\n`);
      return 3;
    }
    process.stdout.write(formatReport(text, result, { lang: options.lang, reveal: options.reveal, source: options.file ?? 'stdin' }));
    return { allow: 0, warn: 1, block: 2 }[result.decision];
  } catch (error) {
    process.stderr.write(`promptvakt scan: ${messageOf(error)}\n`);
    return 3;
  }
}

/** Run as a script (`tsx cli/scan.ts`, or prebuilt: `node dist/cli/promptvakt-scan.mjs`), not imported by a test or scripts/scan.mjs. */
function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`promptvakt scan: ${messageOf(error)}\n`);
      process.exitCode = 3;
    },
  );
}
