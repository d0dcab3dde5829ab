/**
 * Promptvakt policy CLI for IT admins (docs/ADMIN.md).
 *
 *   npm run policy -- check FILE [--json] [--extension-id ID]
 *   npm run policy -- export FILE --target TARGET [--out PATH] [--package PATH | --no-package]
 *                    [--extension-id ID] [--update-url URL] [--install-url URL] [--no-install] [--force]
 *
 * FILE is a policy (lib/policy/schema.ts), or a Chrome policy file or Firefox
 * policies.json holding one. `check` uses the extension's own validator
 * (checkPolicy), so it reports exactly what the extension would drop, and
 * then, separately, what Chrome and Edge would leave out before the extension
 * sees the policy: the file checked against public/managed_schema.json the way
 * Chrome checks it (lib/policy/chrome-schema-check.ts).
 * Warnings (a custom rule that will never fire as written) change nothing
 * and alone still exit 0.
 * Exit status: 0 valid, 1 invalid (some parts would be dropped), 2 unreadable
 * file, 64 usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROME_EXTENSION_ID, GECKO_EXTENSION_ID } from '../lib/extension-id';
import { describeDrop, simulateChromeDelivery, type ChromeSchema, type ChromeSimulation } from '../lib/policy/chrome-schema-check';
import managedSchema from '../public/managed_schema.json';
import { POLICY_FIELDS, type Policy } from '../lib/policy/schema';
import { checkPolicy, isWarning, type PolicyDiagnostic } from '../lib/policy/validate-policy';
import { resolveInstallSource } from './install-source';
import { DEFAULT_PACKAGE_DESCRIPTOR, readPackageDescriptor } from './package-descriptor';
import { EXPORT_TARGETS, deployHint, exportPolicy, type ExportTarget, type PolicyObject } from './policy-export';
import { decodeText, parseJson, unwrapPolicy, type Unwrapped } from './policy-file';

const EXIT = { valid: 0, invalid: 1, unreadable: 2, usage: 64 } as const;

const USAGE = `usage: npm run policy -- check FILE [--json] [--extension-id ID]
       npm run policy -- export FILE --target TARGET [--out PATH] [--package PATH | --no-package]
                        [--extension-id ID] [--update-url URL] [--install-url URL] [--no-install] [--force]
TARGET: ${EXPORT_TARGETS.join(', ')}
FILE: a Promptvakt policy, a Chrome policy file or a Firefox policies.json.
Exit status: 0 valid, 1 invalid (some parts would be dropped), 2 unreadable file, 64 usage.
Warnings (e.g. a custom rule that can never match) drop nothing: with warnings only, the exit status is 0.
`;

class UsageError extends Error {}

interface Args {
  command: 'check' | 'export';
  file: string;
  json: boolean;
  target?: ExportTarget;
  out?: string;
  extensionId?: string;
  updateUrl?: string;
  installUrl?: string;
  /** export: the package descriptor (npm run package) to take the id and addresses from. */
  package?: string;
  noPackage: boolean;
  install: boolean;
  force: boolean;
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'export') throw new UsageError(command ? `unknown command "${command}"` : 'give a command');
  const args: Args = { command, file: '', json: false, install: true, force: false, noPackage: false };
  const value = (i: number, flag: string) => {
    const v = rest[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json' && command === 'check') args.json = true;
    else if (arg === '--extension-id') args.extensionId = value(++i, arg);
    else if (command === 'export' && arg === '--target') {
      const target = value(++i, arg);
      if (!(EXPORT_TARGETS as readonly string[]).includes(target)) throw new UsageError(`unknown target "${target}"`);
      args.target = target as ExportTarget;
    } else if (command === 'export' && arg === '--out') args.out = value(++i, arg);
    else if (command === 'export' && arg === '--update-url') args.updateUrl = url(value(++i, arg), arg, ['https:', 'http:']);
    else if (command === 'export' && arg === '--install-url') args.installUrl = url(value(++i, arg), arg, ['https:', 'http:', 'file:']);
    else if (command === 'export' && arg === '--no-install') args.install = false;
    else if (command === 'export' && arg === '--package') args.package = value(++i, arg);
    else if (command === 'export' && arg === '--no-package') args.noPackage = true;
    else if (command === 'export' && arg === '--force') args.force = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} for ${command}`);
    else if (args.file) throw new UsageError('give one FILE');
    else args.file = arg;
  }
  if (!args.file) throw new UsageError('give a FILE');
  if (command === 'export') checkExportArgs(args);
  return args;
}

function checkExportArgs(args: Args): void {
  if (!args.target) throw new UsageError('export needs --target');
  const firefox = args.target === 'firefox-policies';
  if (firefox && args.updateUrl) throw new UsageError('firefox-policies takes --install-url, not --update-url');
  if (!firefox && args.installUrl) throw new UsageError(`${args.target} takes --update-url, not --install-url`);
  if (args.package && args.noPackage) throw new UsageError('give --package PATH or --no-package, not both');
  if (args.package && (args.extensionId || args.updateUrl || args.installUrl))
    throw new UsageError('--package gives the extension id and addresses; leave out --extension-id, --update-url and --install-url (or --package)');
  if (args.extensionId !== undefined) {
    const ok = firefox ? /^(\{[0-9a-fA-F-]{36}\}|[A-Za-z0-9._+-]*@[A-Za-z0-9.-]+)$/ : /^[a-p]{32}$/;
    if (!ok.test(args.extensionId))
      throw new UsageError(firefox ? '--extension-id takes a Firefox add-on id (name@domain or {GUID})' : '--extension-id takes a 32-letter Chrome extension id (a–p)');
  }
}

function url(value: string, flag: string, protocols: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError(`${flag} takes an address such as https://example.se/…`);
  }
  if (!protocols.includes(parsed.protocol)) throw new UsageError(`${flag} takes a ${protocols.map((p) => p.slice(0, -1)).join(' or ')} address`);
  return value;
}

/** npm runs scripts from the package folder; a relative FILE means the folder the admin ran npm in. */
function userPath(file: string): string {
  const base = process.env.npm_lifecycle_event === 'policy' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return resolve(base, file);
}

type Loaded = { ok: true; unwrapped: Unwrapped } | { ok: false; error: string; line?: number; column?: number };

function load(file: string, extensionId: string | undefined): Loaded {
  let bytes: Buffer;
  try {
    bytes = readFileSync(userPath(file));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a folder, not a file' : e.message;
    return { ok: false, error: `cannot read ${file}: ${reason}` };
  }
  const parsed = parseJson(decodeText(bytes));
  if (!parsed.ok) return { ok: false, error: `${file}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.message}`, line: parsed.line, column: parsed.column };
  // A file exported with the package (npm run package) is filed under the package's ids: Promptvakt's too.
  const packaged = readPackageDescriptor(DEFAULT_PACKAGE_DESCRIPTOR);
  const ids = (builtIn: string, fromPackage?: string) => [...new Set([extensionId, fromPackage, builtIn].filter((id): id is string => !!id))];
  const chrome = ids(CHROME_EXTENSION_ID, packaged.ok ? packaged.descriptor.extensionId : undefined);
  const gecko = ids(GECKO_EXTENSION_ID, packaged.ok ? packaged.descriptor.geckoId : undefined);
  return { ok: true, unwrapped: unwrapPolicy(parsed.value, { chrome, gecko }) };
}

const WRAPPER_NOTE = {
  chrome: (id: string) => `a Chrome policy file: checking the policy under 3rdparty.extensions["${id}"]`,
  firefox: (id: string) => `a Firefox policies.json: checking the policy under policies.3rdparty.Extensions["${id}"]`,
};

function runCheck(args: Args): number {
  const loaded = load(args.file, args.extensionId);
  if (!loaded.ok) {
    if (args.json) print({ file: args.file, status: 'unreadable', error: loaded.error, line: loaded.line, column: loaded.column });
    else process.stderr.write(`${loaded.error}\n`);
    return EXIT.unreadable;
  }
  const { unwrapped } = loaded;
  const checked = unwrapped.policy === undefined ? null : checkPolicy(unwrapped.policy);
  const diagnostics = checked?.diagnostics ?? [];
  const chrome = unwrapped.policy === undefined ? null : simulateChromeDelivery(managedSchema as ChromeSchema, unwrapped.policy);
  const errors = diagnostics.filter((d) => !isWarning(d));
  const valid = !unwrapped.problem && checked !== null && errors.length === 0 && !chrome?.dropped.length;
  if (args.json) {
    print({
      file: args.file,
      status: valid ? 'valid' : 'invalid',
      wrapper: unwrapped.wrapper,
      ...(unwrapped.extensionId ? { extensionId: unwrapped.extensionId } : {}),
      problem: unwrapped.problem,
      diagnostics,
      // What Chrome and Edge would leave out (the whole field) or remove (an unknown key), before Promptvakt sees it.
      chrome: chrome && { dropped: chrome.dropped, removed: chrome.removed, notes: deliveryNotes(unwrapped.policy, chrome) },
      // What Promptvakt would apply: the valid parts, with defaults filled in.
      policy: checked?.policy ?? null,
    });
    return valid ? EXIT.valid : EXIT.invalid;
  }
  const out: string[] = [];
  if (unwrapped.wrapper !== 'none') out.push(`${args.file}: ${WRAPPER_NOTE[unwrapped.wrapper](unwrapped.extensionId ?? '?')}`);
  if (unwrapped.problem) out.push(`${args.file}: ${unwrapped.problem}`);
  for (const d of diagnostics) out.push(diagnosticLine(d));
  if (chrome) out.push(...chromeSection(unwrapped.policy, chrome));
  if (checked) out.push(summary(args.file, unwrapped, checked.policy, diagnostics, chrome));
  process.stdout.write(out.join('\n') + '\n');
  return valid ? EXIT.valid : EXIT.invalid;
}

/**
 * One diagnostic for the terminal: `path: message`, `path: warning: message`
 * for a warning, and the hint (if any) indented on the next line.
 */
function diagnosticLine(d: PolicyDiagnostic): string {
  const line = `${d.path}: ${isWarning(d) ? 'warning: ' : ''}${d.message}`;
  return d.hint ? `${line}\n    ${d.hint}` : line;
}

function summary(file: string, unwrapped: Unwrapped, policy: Policy, all: PolicyDiagnostic[], chrome: ChromeSimulation | null): string {
  // Warnings drop nothing: they are counted, but the policy is valid without errors.
  const diagnostics = all.filter((d) => !isWarning(d));
  const warnings = all.length - diagnostics.length;
  const warned = warnings
    ? `${warnings === 1 ? 'The warning' : `The ${warnings} warnings`} above drop${warnings === 1 ? 's' : ''} nothing: the rule${warnings === 1 ? '' : 's'} stay${warnings === 1 ? 's' : ''} as written, but will not fire as meant.`
    : '';
  const withWarnings = (line: string) => (warned ? `${line}\n${warned}` : line);
  if (!diagnostics.length && chrome?.dropped.length)
    return withWarnings(`${file}: Promptvakt finds no problem, but Chrome and Edge would leave out the fields named above. Fix before deploying.`);
  if (!diagnostics.length && unwrapped.problem) return withWarnings(`${file}: the policy itself is valid, but it would not reach Promptvakt (see above).`);
  if (!diagnostics.length) return withWarnings(`${file}: valid${warnings ? `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''} (${describe(unwrapped.policy, policy)}).`);
  const noun = diagnostics.length === 1 ? 'problem' : 'problems';
  return [
    `${file}: invalid, ${diagnostics.length} ${noun}${warnings ? ` and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''}.`,
    warnings
      ? 'Promptvakt drops the parts the errors above name and uses the built-in defaults there; the rest applies, the rules with warnings too. Fix before deploying.'
      : 'Promptvakt drops the parts named above and uses the built-in defaults there; the rest applies. Fix before deploying.',
  ].join('\n');
}

/**
 * The Chrome section of `check`: what Chrome and Edge would leave out before
 * Promptvakt sees the policy (they check it against public/managed_schema.json
 * and drop a whole top-level field for one bad value in it), apart from
 * Promptvakt's own findings above it. Firefox does no such check.
 */
function chromeSection(policy: unknown, chrome: ChromeSimulation): string[] {
  const head = 'Chrome and Edge (the policy checked against public/managed_schema.json, as Chrome checks it):';
  const notes = deliveryNotes(policy, chrome);
  if (!chrome.dropped.length && !chrome.removed.length && !notes.length) return [`${head} every field arrives.`];
  return [
    head,
    ...chrome.dropped.map((d) => `  ${describeDrop(d)}${isField(d.field) ? ` Promptvakt then uses the built-in defaults for all of \`${d.field}\`.` : ''}`),
    ...chrome.removed.map((r) => `  Chrome would remove ${r.path} (not in the schema); the rest of \`${r.field}\` arrives.`),
    ...notes.map((n) => `  ${n}`),
  ];
}

const isField = (name: string) => (POLICY_FIELDS as readonly string[]).includes(name);

/** Whether the extension can name what Chrome drops: only the fields the policy lists in policyFields. */
function deliveryNotes(policy: unknown, chrome: ChromeSimulation): string[] {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) return [];
  const raw = policy as Record<string, unknown>;
  const delivered = Array.isArray(chrome.delivered.policyFields);
  const listed = new Set(Array.isArray(raw.policyFields) ? raw.policyFields.filter((f): f is string => typeof f === 'string') : []);
  const code = (fields: string[]) => fields.map((f) => `\`${f}\``).join(', ');
  const dropped = chrome.dropped.map((d) => d.field).filter((f) => f !== 'policyFields' && isField(f));
  const named = delivered ? dropped.filter((f) => listed.has(f)) : [];
  const unnamed = dropped.filter((f) => !named.includes(f));
  const notes: string[] = [];
  if (named.length) notes.push(`policyFields lists ${code(named)}: the popup and options page will show ${named.length === 1 ? 'it' : 'them'} as not delivered.`);
  if (unnamed.length)
    notes.push(
      `The extension cannot tell that ${code(unnamed)} ${unnamed.length === 1 ? 'is' : 'are'} missing unless a delivered policyFields lists ${unnamed.length === 1 ? 'it' : 'them'}: ` +
        '`npm run policy -- export` fills policyFields in.',
    );
  const notSet = [...listed].filter((f) => f !== 'policyFields' && !Object.hasOwn(raw, f));
  if (notSet.length)
    notes.push(`policyFields lists ${code(notSet)}, which this policy does not set: the extension would report ${notSet.length === 1 ? 'it' : 'them'} as not delivered.`);
  return notes;
}

function describe(raw: unknown, policy: Policy): string {
  const set = new Set(typeof raw === 'object' && raw !== null ? Object.keys(raw) : []);
  const parts: string[] = [policy.organisation ? `organisation "${policy.organisation.name}"` : 'no organisation name'];
  if (!policy.enabled) parts.push('Promptvakt switched OFF (enabled: false)');
  if (policy.sites?.length) parts.push(`${policy.sites.length} site${policy.sites.length === 1 ? '' : 's'}`);
  if (policy.customRules?.length) parts.push(`${policy.customRules.length} custom rule${policy.customRules.length === 1 ? '' : 's'}`);
  const categories = Object.keys(policy.categories ?? {}).length;
  if (categories) parts.push(`${categories} categor${categories === 1 ? 'y' : 'ies'} set`);
  if (policy.lockedSettings?.length) parts.push(`locked: ${policy.lockedSettings.join(', ')}`);
  const others = [...set].filter((k) => !['version', 'enabled', 'organisation', 'sites', 'customRules', 'categories', 'lockedSettings'].includes(k));
  if (others.length) parts.push(`also sets ${others.join(', ')}`);
  return parts.join('; ');
}

function runExport(args: Args): number {
  const target = args.target!;
  // The extension id and install address: from the package (npm run package), by hand, or Promptvakt's test id, said on stderr.
  const source = resolveInstallSource({
    target,
    packagePath: args.package ? userPath(args.package) : undefined,
    packageArg: args.package,
    noPackage: args.noPackage,
    extensionId: args.extensionId,
    updateUrl: args.updateUrl,
    installUrl: args.installUrl,
    install: args.install,
  });
  if (!source.ok) {
    process.stderr.write(`${source.error}\n`);
    return EXIT.unreadable;
  }
  const loaded = load(args.file, args.extensionId ?? source.extensionId);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error}\n`);
    return EXIT.unreadable;
  }
  const { policy, problem } = loaded.unwrapped;
  if (problem && (policy === undefined || !args.force)) {
    process.stderr.write(`${args.file}: ${problem}\n`);
    return EXIT.invalid;
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    process.stderr.write(`${args.file}: the policy must be a JSON object; nothing exported\n`);
    return EXIT.invalid;
  }
  const { diagnostics } = checkPolicy(policy);
  // Warnings are printed and drop nothing: they never stop an export.
  for (const d of diagnostics) process.stderr.write(`${diagnosticLine(d)}\n`);
  if (diagnostics.some((d) => !isWarning(d))) {
    if (!args.force) {
      process.stderr.write(`${args.file}: invalid, nothing exported. Fix the policy (npm run policy -- check), or pass --force to export it as it is.\n`);
      return EXIT.invalid;
    }
    process.stderr.write(`${args.file}: invalid; exported anyway (--force). Promptvakt will drop the parts named above.\n`);
  }
  let result: ReturnType<typeof exportPolicy>;
  try {
    result = exportPolicy(policy as PolicyObject, target, {
      extensionId: source.extensionId,
      updateUrl: source.updateUrl,
      installUrl: source.installUrl,
      forceInstall: args.install,
    });
  } catch (error) {
    // Only a forced, invalid policy gets here (e.g. a null value the registry cannot hold).
    process.stderr.write(`${args.file}: ${(error as Error).message}; nothing exported\n`);
    return EXIT.invalid;
  }
  for (const note of source.notes) process.stderr.write(`${note}\n`);
  if (args.out) {
    writeFileSync(userPath(args.out), result.bytes);
    process.stderr.write(`wrote ${args.out} (${target}); ${deployHint(target, args.out)}\n`);
  } else if (process.stdout.isTTY && result.text !== result.bytes.toString('utf8')) {
    // A .reg file is UTF-16 (for regedit): readable text on a terminal, the real bytes when redirected.
    process.stdout.write(result.text);
    process.stderr.write(`\n(shown as text; use --out FILE or redirect to get the UTF-16 file regedit reads)\n`);
  } else {
    process.stdout.write(result.bytes);
  }
  return EXIT.valid;
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function main(): number {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`promptvakt policy: ${error.message}\n${USAGE}`);
    return EXIT.usage;
  }
  return args.command === 'check' ? runCheck(args) : runExport(args);
}

process.exitCode = main();
