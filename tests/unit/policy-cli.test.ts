import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROME_WEB_STORE_UPDATE_URL, DEFAULT_FIREFOX_INSTALL_URL, EXPORT_TARGETS, TARGET_INFO, withPolicyFields } from '../../cli/policy-export';
import { CHROME_EXTENSION_ID, GECKO_EXTENSION_ID } from '../../lib/extension-id';
import { SAMPLE_EXPORT_DIR, SAMPLE_POLICY_PATH } from '../../scripts/policy-artifacts';
import { chromeRegistryPolicy, readPlist, readRegFile, regKeyAt } from './policy-format-readers';

const TSX = join('node_modules', '.bin', 'tsx');
const SLOW = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'promptvakt-policy-'));
// The CLI bundled once with esbuild and run with node: the same code as `tsx cli/policy.ts`, without
// a second of TypeScript start-up per run. One test runs it through tsx, as `npm run policy` does.
const BUNDLE = join(dir, 'policy-cli.mjs');
beforeAll(async () => {
  await build({ entryPoints: ['cli/policy.ts'], bundle: true, platform: 'node', format: 'esm', outfile: BUNDLE, logLevel: 'silent' });
}, SLOW);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a process. */
function runPolicy(args: string[], via: 'bundle' | 'tsx' = 'bundle'): Promise<Run> {
  // Not through npm: the CLI resolves FILE against the current folder, like any command.
  const env = { ...process.env, npm_lifecycle_event: '' };
  const [command, script] = via === 'tsx' ? [TSX, 'cli/policy.ts'] : [process.execPath, BUNDLE];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [script, ...args], { env, timeout: SLOW });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function file(name: string, content: string | Buffer | object): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
  return path;
}

const sample = JSON.parse(readFileSync(SAMPLE_POLICY_PATH, 'utf8')) as Record<string, unknown>;
const managedSchema = JSON.parse(readFileSync('public/managed_schema.json', 'utf8'));

const invalid = {
  version: 1,
  organisation: { name: 'Testkommun' },
  sites: [{ pattern: 'https://ai.example.se' }, { pattern: 'ok.example.se', mode: 'warn' }],
  customRules: [
    { id: 'bad-regex', kind: 'regex', pattern: '(?<=x)y', category: 'classified', message: { sv: 'Nej.' } },
    { id: 'fine', kind: 'keywords', keywords: ['hemligt projekt'], category: 'classified', message: { en: 'No.' } },
  ],
  colour: 'red',
};

describe('policy check', () => {
  it('accepts the sample policy: exit 0 and a summary (run through tsx, as npm run policy does)', { timeout: SLOW }, async () => {
    const r = await runPolicy(['check', SAMPLE_POLICY_PATH], 'tsx');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/valid/);
    expect(r.stdout).toContain(String((sample.organisation as { name: string }).name));
  });

  it('names every problem by its JSON path and exits 1', { timeout: SLOW }, async () => {
    const r = await runPolicy(['check', file('invalid.json', invalid)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^sites\[0\]\.pattern: /m);
    expect(r.stdout).toMatch(/^customRules\[0\] \(id "bad-regex"\)\.pattern: .*RE2/m);
    expect(r.stdout).toMatch(/^colour: unknown field/m);
    expect(r.stdout).not.toMatch(/^sites\[1\]/m);
    expect(r.stdout).toMatch(/invalid, \d+ problems/);
  });

  it("says, apart from Promptvakt's own findings, which whole fields Chrome would drop and whether the extension can tell", { timeout: SLOW }, async () => {
    const policy = {
      version: 1,
      organisation: { name: 'Testkommun' },
      categories: { email: { action: 'block' }, health: { allowOverride: 'no' } },
      customRules: [{ id: 'ord', kind: 'keywords', keywords: ['hemligt', 7], category: 'classified', message: { sv: 'Nej.' } }],
      policyFields: ['version', 'organisation', 'categories', 'sites'],
    };
    const r = await runPolicy(['check', file('chrome-drops.json', policy)]);
    expect(r.status).toBe(1);
    const [own, chrome] = r.stdout.split(/^Chrome and Edge .*:$/m);
    // Promptvakt's own section names the values by path.
    expect(own).toMatch(/^categories\.health\.allowOverride: /m);
    expect(own).toMatch(/^customRules\[0\] \(id "ord"\)\.keywords\[1\]: /m);
    // Chrome's section: the whole fields, why, and what the extension will show.
    expect(chrome).toContain(
      '  Chrome would drop the whole field `categories` because categories.health.allowOverride "no" is a string; the schema wants a boolean (true or false). Promptvakt then uses the built-in defaults for all of `categories`.',
    );
    expect(chrome).toContain('  Chrome would drop the whole field `customRules` because customRules[0] (id "ord").keywords[1] 7 is a whole number; the schema wants a string.');
    expect(chrome).toContain('policyFields lists `categories`: the popup and options page will show it as not delivered.');
    expect(chrome).toContain('The extension cannot tell that `customRules` is missing unless a delivered policyFields lists it');
    expect(chrome).toContain('policyFields lists `sites`, which this policy does not set');

    const json = JSON.parse((await runPolicy(['check', file('chrome-drops.json', policy), '--json'])).stdout);
    expect(json.chrome.dropped.map((d: { field: string }) => d.field)).toEqual(['categories', 'customRules']);
    expect(json.chrome.dropped[0].problems).toEqual([{ path: 'categories.health.allowOverride', reason: '"no" is a string; the schema wants a boolean (true or false)' }]);
  });

  it('says every field arrives in Chrome when none breaks the schema', { timeout: SLOW }, async () => {
    const r = await runPolicy(['check', SAMPLE_POLICY_PATH]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Chrome and Edge \(the policy checked against public\/managed_schema\.json, as Chrome checks it\): every field arrives\.$/m);
  });

  it('prints a machine-readable result with --json', { timeout: SLOW }, async () => {
    const r = await runPolicy(['check', file('invalid-json-out.json', invalid), '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('invalid');
    expect(out.diagnostics.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['sites[0].pattern', 'colour']));
    // What the extension would apply: the valid site and rule survive.
    expect(out.policy.sites).toEqual([{ pattern: 'ok.example.se', mode: 'warn' }]);
    expect(out.policy.customRules.map((rule: { id: string }) => rule.id)).toEqual(['fine']);
  });

  it('prints each problem in plain words, with the hint how to fix it on the next line', { timeout: SLOW }, async () => {
    const r = await runPolicy(['check', file('plain-words.json', { ...invalid, failureMode: 'Block', categories: { health: { requireJustifcation: true } } })]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('failureMode: "Block" is not an allowed value: values are lower case; did you mean "block"? (allowed: "block" or "allow")\n');
    expect(r.stdout).toContain('categories.health.requireJustifcation: unknown field "requireJustifcation": Promptvakt ignores it; did you mean "requireJustification"?\n');
    expect(r.stdout).toMatch(
      /^customRules\[0\] \(id "bad-regex"\)\.pattern: the pattern uses look-behind "\(\?<=…\)", which RE2 \(Promptvakt's regex engine\) does not support\n {4}RE2 has no look-behind: match the context/m,
    );
    expect(r.stdout).not.toMatch(/Too big|Invalid option|Invalid input/);
  });

  it('warnings (a rule that can never fire as written) drop nothing and exit 0', { timeout: SLOW }, async () => {
    const policy = {
      version: 1,
      organisation: { name: 'Testkommun' },
      customRules: [
        { id: 'tankstreck', kind: 'regex', pattern: 'KS–[0-9]+', category: 'classified', message: { sv: 'Nej.' } },
        { id: 'ord', kind: 'keywords', keywords: ['hemligt projekt'], category: 'classified', message: { sv: 'Nej.' } },
      ],
    };
    const [r, json, help] = await Promise.all([
      runPolicy(['check', file('warnings-only.json', policy)]),
      runPolicy(['check', file('warnings-only.json', policy), '--json']),
      runPolicy(['--help']),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^customRules\[0\] \(id "tankstreck"\)\.pattern: warning: the pattern can never match, so this rule will never fire: .*"–" \(U\+2013\) becomes "-"\n {4}Write "KS-\[0-9\]\+" instead/m);
    expect(r.stdout).toMatch(/: valid, 1 warning \(organisation "Testkommun"; 2 custom rules\)\.\nThe warning above drops nothing: the rule stays as written, but will not fire as meant\./);
    const out = JSON.parse(json.stdout);
    expect(json.status).toBe(0);
    expect(out.status).toBe('valid');
    expect(out.diagnostics).toEqual([expect.objectContaining({ path: 'customRules[0] (id "tankstreck").pattern', severity: 'warning', code: 'never-matches' })]);
    expect(out.policy.customRules.map((rule: { id: string }) => rule.id)).toEqual(['tankstreck', 'ord']);
    expect(help.stdout).toMatch(/with warnings only, the exit status is 0/);

    const exported = await runPolicy(['export', join(dir, 'warnings-only.json'), '--target', 'chrome-linux', '--no-install']);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toMatch(/^customRules\[0\] \(id "tankstreck"\)\.pattern: warning: /m);
  });

  it('counts errors and warnings apart', { timeout: SLOW }, async () => {
    const policy = { ...invalid, customRules: [...invalid.customRules, { id: 'aldrig', kind: 'regex', pattern: 'a^b', category: 'classified', message: { sv: 'Nej.' } }] };
    const r = await runPolicy(['check', file('errors-and-warnings.json', policy)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/invalid, 3 problems and 1 warning\./);
    expect(r.stdout).toContain('Promptvakt drops the parts the errors above name and uses the built-in defaults there; the rest applies, the rules with warnings too.');
  });

  it('exits 2 for a missing file and for JSON it cannot parse, with line and column', { timeout: SLOW }, async () => {
    const broken = '{\n  "version": 1,\n  oops\n}\n';
    const line = 3;
    const column = broken.split('\n')[line - 1]!.indexOf('oops') + 1;
    const brokenFile = file('broken.json', broken);
    const [missing, r, json] = await Promise.all([
      runPolicy(['check', join(dir, 'nope.json')]),
      runPolicy(['check', brokenFile]),
      runPolicy(['check', brokenFile, '--json']),
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`broken.json:${line}:${column}: not valid JSON`);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'unreadable', line, column });
  });

  it('reads files with a UTF-8 byte-order mark or in UTF-16 (as Windows tools write them)', { timeout: SLOW }, async () => {
    const text = JSON.stringify(sample);
    const runs = await Promise.all([
      runPolicy(['check', file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))]),
      runPolicy(['check', file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))]),
    ]);
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
  });

  it('unwraps a Chrome policy file and a Firefox policies.json, and says so', { timeout: SLOW }, async () => {
    const [chrome, firefox] = await Promise.all([
      runPolicy(['check', file('chrome.json', { ShowHomeButton: true, '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: sample } } })]),
      runPolicy(['check', file('firefox.json', { policies: { '3rdparty': { Extensions: { [GECKO_EXTENSION_ID]: invalid } } } })]),
    ]);
    expect(chrome.status).toBe(0);
    expect(chrome.stdout).toMatch(/Chrome policy file/);
    expect(firefox.status).toBe(1);
    expect(firefox.stdout).toMatch(/Firefox policies\.json/);
    expect(firefox.stdout).toMatch(/^sites\[0\]\.pattern: /m);
  });

  it('flags a wrapped policy filed under another extension id or with the wrong key case', { timeout: SLOW }, async () => {
    const other = 'a'.repeat(32);
    const otherFile = file('other-id.json', { '3rdparty': { extensions: { [other]: sample } } });
    const [r, withId, wrongCase] = await Promise.all([
      runPolicy(['check', otherFile]),
      runPolicy(['check', otherFile, '--extension-id', other]),
      runPolicy(['check', file('firefox-case.json', { policies: { '3rdparty': { extensions: { [GECKO_EXTENSION_ID]: sample } } } })]),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(other);
    expect(withId.status).toBe(0);
    expect(wrongCase.status).toBe(1);
    expect(wrongCase.stdout).toMatch(/capital E/);
  });

  it('exits 64 for wrong usage', { timeout: SLOW }, async () => {
    const runs = await Promise.all(
      [
        [],
        ['check'],
        ['lint', SAMPLE_POLICY_PATH],
        ['check', SAMPLE_POLICY_PATH, '--nonsense'],
        ['export', SAMPLE_POLICY_PATH],
        ['export', SAMPLE_POLICY_PATH, '--target', 'chrome-solaris'],
        ['export', SAMPLE_POLICY_PATH, '--target', 'chrome-linux', '--extension-id', 'not-an-id'],
        ['export', SAMPLE_POLICY_PATH, '--target', 'firefox-policies', '--update-url', 'https://x.se/u'],
      ].map((args) => runPolicy(args)),
    );
    for (const r of runs) {
      expect(r.status).toBe(64);
      expect(r.stderr).toMatch(/usage:/);
    }
  });
});

describe('policy export', () => {
  // Every target carries the policy as written plus policyFields, the list of its top-level fields.
  const sent = withPolicyFields(sample);
  // The sample exported once per target (in parallel); several tests read the same file.
  const exports = new Map<string, Buffer>();
  beforeAll(async () => {
    await Promise.all(
      EXPORT_TARGETS.map(async (target) => {
        const out = join(dir, `sample-${target}.out`);
        const r = await runPolicy(['export', SAMPLE_POLICY_PATH, '--target', target, '--out', out]);
        if (r.status !== 0) throw new Error(`export --target ${target} failed: ${r.stderr}`);
        exports.set(target, readFileSync(out));
      }),
    );
  }, SLOW);
  const exported = (target: string) => exports.get(target)!;

  it.each(EXPORT_TARGETS)('%s: the CLI writes what docs/sample-policies/export holds', { timeout: SLOW }, (target) => {
    expect(exported(target).equals(readFileSync(`${SAMPLE_EXPORT_DIR}/${TARGET_INFO[target].fileName}`))).toBe(true);
  });

  it.each(['chrome-linux', 'chromium-linux'] as const)('%s: the policy under 3rdparty.extensions and a force-install entry', { timeout: SLOW }, (target) => {
    const json = JSON.parse(exported(target).toString('utf8'));
    expect(json['3rdparty'].extensions[CHROME_EXTENSION_ID]).toEqual(sent);
    expect(json.ExtensionInstallForcelist).toEqual([`${CHROME_EXTENSION_ID};${CHROME_WEB_STORE_UPDATE_URL}`]);
  });

  it('firefox-policies: the policy under 3rdparty.Extensions and ExtensionSettings force_installed', { timeout: SLOW }, async () => {
    const json = JSON.parse(exported('firefox-policies').toString('utf8'));
    expect(json.policies['3rdparty'].Extensions[GECKO_EXTENSION_ID]).toEqual(sent);
    expect(json.policies.ExtensionSettings[GECKO_EXTENSION_ID]).toEqual({ installation_mode: 'force_installed', install_url: DEFAULT_FIREFOX_INSTALL_URL });
    const hosted = 'https://intranet.exempelkommun.se/firefox/promptvakt.xpi';
    const out = join(dir, 'own-install-url.json');
    const r = await runPolicy(['export', SAMPLE_POLICY_PATH, '--target', 'firefox-policies', '--install-url', hosted, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const own = JSON.parse(readFileSync(out, 'utf8'));
    expect(own.policies.ExtensionSettings[GECKO_EXTENSION_ID].install_url).toBe(hosted);
  });

  const registry = {
    'chrome-windows-reg': 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
    'edge-windows-reg': 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge',
  } as const;

  it.each(Object.keys(registry) as (keyof typeof registry)[])('%s: keys, value types, and the policy as Chrome reads it back', { timeout: SLOW }, (target) => {
    const reg = readRegFile(exported(target));
    const thirdParty = target === 'edge-windows-reg' ? '3rdparty\\Extensions' : '3rdparty\\extensions';
    const policyKey = `${registry[target]}\\${thirdParty}\\${CHROME_EXTENSION_ID}\\policy`;
    expect(reg.deleted).toEqual([policyKey]);
    expect(reg.sections.every((s) => s === `${registry[target]}\\ExtensionInstallForcelist` || s.startsWith(policyKey))).toBe(true);
    expect(reg.sections).toContain(policyKey);

    const key = regKeyAt(reg, policyKey)!;
    expect(key.values.get('version')).toEqual({ type: 'REG_DWORD', data: 1 });
    expect(key.values.get('failureMode')).toEqual({ type: 'REG_SZ', data: sample.failureMode });
    expect(regKeyAt(reg, `${policyKey}\\categories\\politics`)!.values.get('requireJustification')).toEqual({ type: 'REG_DWORD', data: 1 });
    expect(regKeyAt(reg, `${policyKey}\\counters`)!.values.get('retentionDays')!.type).toBe('REG_DWORD');
    expect(chromeRegistryPolicy(key, managedSchema)).toEqual(sent);

    const forcelist = regKeyAt(reg, `${registry[target]}\\ExtensionInstallForcelist`)!;
    expect(forcelist.values.get('1')).toEqual({ type: 'REG_SZ', data: `${CHROME_EXTENSION_ID};${CHROME_WEB_STORE_UPDATE_URL}` });
  });

  it('registry: long lists keep their order, and line breaks survive', { timeout: SLOW }, async () => {
    const keywords = Array.from({ length: 12 }, (_, i) => `nyckelord ${String.fromCharCode(97 + i)}`);
    const policy = {
      version: 1,
      customRules: [{ id: 'many', kind: 'keywords', keywords, category: 'classified', message: { sv: 'Rad ett.\nRad två med "citat" och C:\\sökväg.' } }],
    };
    const out = join(dir, 'many.reg');
    const r = await runPolicy(['export', file('many.json', policy), '--target', 'chrome-windows-reg', '--out', out, '--no-install']);
    expect(r.status, r.stderr).toBe(0);
    const reg = readRegFile(readFileSync(out));
    const key = regKeyAt(reg, `${registry['chrome-windows-reg']}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy`)!;
    expect(chromeRegistryPolicy(key, managedSchema)).toEqual({ ...policy, policyFields: ['version', 'customRules'] });
    expect(regKeyAt(reg, `${registry['chrome-windows-reg']}\\ExtensionInstallForcelist`)).toBeUndefined();
  });

  it('chrome-macos-mobileconfig: a well-formed profile with the force-install list and the policy', { timeout: SLOW }, async () => {
    const bytes = exported('chrome-macos-mobileconfig');
    const profile = readPlist(bytes.toString('utf8')) as Record<string, unknown>;
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadScope: 'System' });
    const uuid = /^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
    const payloads = profile.PayloadContent as Record<string, unknown>[];
    const uuids = [profile.PayloadUUID, ...payloads.map((p) => p.PayloadUUID)];
    for (const id of uuids) expect(id).toMatch(uuid);
    expect(new Set(uuids).size).toBe(uuids.length);

    const chrome = payloads.find((p) => p.PayloadType === 'com.google.Chrome')!;
    expect(chrome.ExtensionInstallForcelist).toEqual([`${CHROME_EXTENSION_ID};${CHROME_WEB_STORE_UPDATE_URL}`]);
    const prefs = payloads.find((p) => p.PayloadType === 'com.apple.ManagedClient.preferences')!;
    const domain = (prefs.PayloadContent as Record<string, { Forced: { mcx_preference_settings: unknown }[] }>)[`com.google.Chrome.extensions.${CHROME_EXTENSION_ID}`]!;
    expect(domain.Forced[0]!.mcx_preference_settings).toEqual(sent);

    // Stable for the same policy; a new PayloadUUID under the same identifier when the policy changes.
    expect(readFileSync(`${SAMPLE_EXPORT_DIR}/${TARGET_INFO['chrome-macos-mobileconfig'].fileName}`).equals(bytes)).toBe(true);
    const changed = join(dir, 'changed.mobileconfig');
    await runPolicy(['export', file('changed.json', { ...sample, failureMode: 'allow' }), '--target', 'chrome-macos-mobileconfig', '--out', changed]);
    const other = readPlist(readFileSync(changed, 'utf8')) as Record<string, unknown>;
    expect(other.PayloadIdentifier).toBe(profile.PayloadIdentifier);
    expect(other.PayloadUUID).not.toBe(profile.PayloadUUID);
  });

  it('refuses an invalid policy (exit 1, nothing written) unless --force', { timeout: SLOW }, async () => {
    const out = join(dir, 'invalid-export.json');
    const refused = await runPolicy(['export', file('invalid-export-in.json', invalid), '--target', 'chrome-linux', '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^sites\[0\]\.pattern: /m);
    expect(existsSync(out)).toBe(false);

    const forced = await runPolicy(['export', join(dir, 'invalid-export-in.json'), '--target', 'chrome-linux', '--out', out, '--force']);
    expect(forced.status).toBe(0);
    // The unknown `colour` is not a policy field, so policyFields leaves it out.
    expect(JSON.parse(readFileSync(out, 'utf8'))['3rdparty'].extensions[CHROME_EXTENSION_ID]).toEqual({ ...invalid, policyFields: ['version', 'organisation', 'sites', 'customRules'] });
  });

  it('writes to stdout without --out, and re-files a wrapped policy under another id', { timeout: SLOW }, async () => {
    const id = 'b'.repeat(32);
    const r = await runPolicy(['export', `${SAMPLE_EXPORT_DIR}/${TARGET_INFO['chrome-linux'].fileName}`, '--target', 'chromium-linux', '--extension-id', id, '--no-install']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ '3rdparty': { extensions: { [id]: sent } } });
  });
});
