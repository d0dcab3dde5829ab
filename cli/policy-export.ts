/**
 * Formats an organisation policy for the places browsers read managed policy
 * from: Chrome/Chromium policy files on Linux, .reg files for Chrome and Edge
 * on Windows, a macOS configuration profile, and Firefox's policies.json.
 * Pure functions (no file system): `npm run policy -- export` and
 * scripts/policy-artifacts.ts (the samples in docs/sample-policies/export/)
 * both call exportPolicy().
 *
 * Every format also force-installs the extension unless `forceInstall: false`
 * (for organisations that already install it some other way).
 */
import { createHash } from 'node:crypto';
import { CHROME_EXTENSION_ID, GECKO_EXTENSION_ID } from '../lib/extension-id';
import { POLICY_FIELDS } from '../lib/policy/schema';

export const EXPORT_TARGETS = [
  'chrome-linux',
  'chromium-linux',
  'chrome-windows-reg',
  'edge-windows-reg',
  'chrome-macos-mobileconfig',
  'firefox-policies',
] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** The Chrome Web Store's update URL (also what Edge needs for a Chrome Web Store extension). */
export const CHROME_WEB_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';
/** AMO's "latest version" address; an organisation that hosts its own signed XPI passes --install-url. */
export const DEFAULT_FIREFOX_INSTALL_URL = 'https://addons.mozilla.org/firefox/downloads/latest/promptvakt/latest.xpi';

export const TARGET_INFO: Record<ExportTarget, { fileName: string; destination: string }> = {
  'chrome-linux': { fileName: 'chrome-linux.json', destination: '/etc/opt/chrome/policies/managed/promptvakt.json' },
  'chromium-linux': { fileName: 'chromium-linux.json', destination: '/etc/chromium/policies/managed/promptvakt.json' },
  'chrome-windows-reg': { fileName: 'chrome-windows.reg', destination: 'reg import chrome-windows.reg (HKLM, as administrator)' },
  'edge-windows-reg': { fileName: 'edge-windows.reg', destination: 'reg import edge-windows.reg (HKLM, as administrator)' },
  'chrome-macos-mobileconfig': { fileName: 'chrome-macos.mobileconfig', destination: 'your MDM (Jamf, Intune, …) as a custom configuration profile' },
  'firefox-policies': { fileName: 'firefox-policies.json', destination: '/etc/firefox/policies/policies.json or <Firefox install folder>/distribution/policies.json' },
};

/** What `export --out FILE` says to do with the file it wrote: where it goes, naming that file. */
export function deployHint(target: ExportTarget, file: string): string {
  const name = file.split(/[\\/]/).pop() || file;
  switch (target) {
    case 'chrome-windows-reg':
    case 'edge-windows-reg':
      return `import it on each computer, as administrator: reg import ${name} (HKLM)`;
    case 'chrome-macos-mobileconfig':
      return `upload ${name} to ${TARGET_INFO[target].destination}`;
    default:
      return `install it as ${TARGET_INFO[target].destination}`;
  }
}

export interface ExportOptions {
  /** Chrome/Edge id or Firefox (gecko) id; defaults to Promptvakt's fixed ids. */
  extensionId?: string;
  /** Chrome/Edge: where the extension is installed and updated from. */
  updateUrl?: string;
  /** Firefox: the signed XPI's address. */
  installUrl?: string;
  /** Add the force-install entry (default true). */
  forceInstall?: boolean;
}

export interface ExportResult {
  /** The file as it must be written (.reg files are UTF-16LE with a BOM, as regedit expects). */
  bytes: Buffer;
  /** The same content as a string, for display. */
  text: string;
}

/** A policy as JSON: what the admin wrote, after unwrapping. */
export type PolicyObject = Record<string, unknown>;

export function exportPolicy(written: PolicyObject, target: ExportTarget, options: ExportOptions = {}): ExportResult {
  const policy = withPolicyFields(written);
  const forceInstall = options.forceInstall ?? true;
  const chromeId = options.extensionId ?? CHROME_EXTENSION_ID;
  const forcelistEntry = `${chromeId};${options.updateUrl ?? CHROME_WEB_STORE_UPDATE_URL}`;
  switch (target) {
    case 'chrome-linux':
    case 'chromium-linux':
      return utf8(json(chromePolicyFile(policy, chromeId, forceInstall ? forcelistEntry : undefined)));
    case 'chrome-windows-reg':
      return utf16Reg(registryFile(policy, 'chrome', chromeId, forceInstall ? forcelistEntry : undefined));
    case 'edge-windows-reg':
      return utf16Reg(registryFile(policy, 'edge', chromeId, forceInstall ? forcelistEntry : undefined));
    case 'chrome-macos-mobileconfig':
      return utf8(mobileconfig(policy, chromeId, forceInstall ? forcelistEntry : undefined));
    case 'firefox-policies':
      return utf8(
        json(firefoxPolicies(policy, options.extensionId ?? GECKO_EXTENSION_ID, forceInstall ? (options.installUrl ?? DEFAULT_FIREFOX_INSTALL_URL) : undefined)),
      );
  }
}

/**
 * The policy with `policyFields` listing the top-level fields it sets (any
 * list the admin wrote is replaced), so that the extension can name a field the
 * browser did not deliver (lib/policy/delivery.ts). Every target carries it.
 */
export function withPolicyFields(policy: PolicyObject): PolicyObject {
  const policyFields = Object.keys(policy).filter((key) => key !== 'policyFields' && (POLICY_FIELDS as readonly string[]).includes(key));
  return { ...policy, policyFields };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

function utf8(text: string): ExportResult {
  return { text, bytes: Buffer.from(text, 'utf8') };
}

// ---------------------------------------------------------------------------
// Chrome / Chromium on Linux: one JSON file in the managed policy folder.

export function chromePolicyFile(policy: PolicyObject, extensionId: string, forcelistEntry?: string): object {
  return {
    ...(forcelistEntry ? { ExtensionInstallForcelist: [forcelistEntry] } : {}),
    '3rdparty': { extensions: { [extensionId]: policy } },
  };
}

// ---------------------------------------------------------------------------
// Firefox: policies.json (the same file on every platform).

export function firefoxPolicies(policy: PolicyObject, geckoId: string, installUrl?: string): object {
  return {
    policies: {
      ...(installUrl ? { ExtensionSettings: { [geckoId]: { installation_mode: 'force_installed', install_url: installUrl } } } : {}),
      '3rdparty': { Extensions: { [geckoId]: policy } },
    },
  };
}

// ---------------------------------------------------------------------------
// Windows: a .reg file. Chrome reads an extension's policy from
// ...\3rdparty\extensions\<id>\policy: a scalar is a value (booleans and
// integers REG_DWORD, strings REG_SZ), an object is a subkey, an array is a
// subkey whose values or subkeys are named 1, 2, 3 … (Chrome's
// registry_dict.cc converts them back with the extension's managed schema).

const REGISTRY_ROOTS = {
  chrome: { policies: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome', thirdParty: '3rdparty\\extensions' },
  edge: { policies: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge', thirdParty: '3rdparty\\Extensions' },
} as const;

export function registryFile(policy: PolicyObject, browser: 'chrome' | 'edge', extensionId: string, forcelistEntry?: string): string {
  const root = REGISTRY_ROOTS[browser];
  const policyKey = `${root.policies}\\${root.thirdParty}\\${extensionId}\\policy`;
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `; Promptvakt organisation policy for ${browser === 'chrome' ? 'Google Chrome' : 'Microsoft Edge'}. Generated by \`npm run policy -- export\`.`,
    '; The next line removes the previous Promptvakt policy, so that removed fields and list entries do not linger.',
    `[-${policyKey}]`,
    '',
  ];
  writeKey(lines, policyKey, policy);
  if (forcelistEntry) {
    lines.push(
      '; Force-install. If ExtensionInstallForcelist already has entries (e.g. from a GPO), add this one there with',
      '; the next free number instead: a value named "1" here replaces your entry "1".',
      `[${root.policies}\\ExtensionInstallForcelist]`,
      `"1"=${regString(forcelistEntry)}`,
      '',
    );
  }
  return lines.join('\r\n');
}

function writeKey(lines: string[], path: string, node: PolicyObject | unknown[]): void {
  const entries = Array.isArray(node) ? node.map((v, i) => [listName(i, node.length), v] as const) : Object.entries(node);
  const scalars = entries.filter(([, value]) => !isContainer(value));
  const children = entries.filter(([, value]) => isContainer(value));
  // A key with only subkeys is created by its subkeys; an empty list or object still gets its key.
  if (scalars.length || !children.length) {
    lines.push(`[${path}]`);
    for (const [name, value] of scalars) lines.push(`${regString(name)}=${regValue(value, `${path}\\${name}`)}`);
    lines.push('');
  }
  for (const [name, value] of children) writeKey(lines, `${path}\\${name}`, value as PolicyObject | unknown[]);
}

/**
 * "1", "2", … for list entries. Chrome orders a key's entries by name as text
 * ("1", "10", "2"), so names are zero-padded to one width ("01" … "12") to keep
 * the list's order; Chrome reads "01" as 1.
 */
function listName(index: number, length: number): string {
  return String(index + 1).padStart(String(length).length, '0');
}

function isContainer(value: unknown): value is PolicyObject | unknown[] {
  return typeof value === 'object' && value !== null;
}

function regValue(value: unknown, where: string): string {
  if (typeof value === 'boolean') return dword(value ? 1 : 0);
  if (typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0xffffffff) return dword(value);
  // Chrome converts a string to the number the schema expects.
  if (typeof value === 'number') return regString(String(value));
  if (typeof value === 'string') return regString(value);
  throw new Error(`${where}: ${JSON.stringify(value)} cannot be written to the registry`);
}

function dword(n: number): string {
  return `dword:${(n >>> 0).toString(16).padStart(8, '0')}`;
}

/** A quoted .reg string; text with line breaks or other control characters is written as hex(1) (REG_SZ, UTF-16LE). */
function regString(s: string): string {
  if (!/[\u0000-\u001f\u007f]/.test(s)) return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const bytes = [...Buffer.from(s + '\u0000', 'utf16le')].map((b) => b.toString(16).padStart(2, '0'));
  return `hex(1):${bytes.join(',')}`;
}

/** regedit reads "Version 5.00" files as UTF-16LE with a byte-order mark; å, ä and ö survive only that way. */
function utf16Reg(text: string): ExportResult {
  return { text, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) };
}

// ---------------------------------------------------------------------------
// macOS: a configuration profile with two payloads: com.google.Chrome
// (ExtensionInstallForcelist) and a managed-preferences payload for the
// extension's own domain, com.google.Chrome.extensions.<id>, in the form
// Chromium documents ("Forced" → "mcx_preference_settings").

const PROFILE_IDENTIFIER = 'se.promptvakt.policy';

export function mobileconfig(policy: PolicyObject, extensionId: string, forcelistEntry?: string): string {
  const organisation = (policy.organisation as { name?: unknown } | undefined)?.name;
  const orgName = typeof organisation === 'string' ? organisation : '';
  // UUIDs derived from the content: the same policy gives the same file, and a
  // changed policy a new PayloadUUID under the same PayloadIdentifier (so MDM replaces it).
  const seed = JSON.stringify([policy, extensionId, forcelistEntry ?? null]);
  const payloads: PlistDict[] = [];
  if (forcelistEntry) {
    payloads.push({
      PayloadDisplayName: 'Google Chrome: install Promptvakt',
      PayloadIdentifier: `${PROFILE_IDENTIFIER}.chrome`,
      PayloadType: 'com.google.Chrome',
      PayloadUUID: uuidV5(`${seed}:chrome`),
      PayloadVersion: 1,
      ExtensionInstallForcelist: [forcelistEntry],
    });
  }
  payloads.push({
    PayloadDisplayName: 'Promptvakt organisation policy',
    PayloadIdentifier: `${PROFILE_IDENTIFIER}.extension`,
    PayloadType: 'com.apple.ManagedClient.preferences',
    PayloadUUID: uuidV5(`${seed}:extension`),
    PayloadVersion: 1,
    PayloadEnabled: true,
    PayloadContent: {
      [`com.google.Chrome.extensions.${extensionId}`]: { Forced: [{ mcx_preference_settings: policy }] },
    },
  });
  const profile: PlistDict = {
    PayloadContent: payloads,
    PayloadDescription: 'Promptvakt: warns or blocks before personal data and classified information reach public AI services.',
    PayloadDisplayName: orgName ? `Promptvakt policy (${orgName})` : 'Promptvakt policy',
    PayloadIdentifier: PROFILE_IDENTIFIER,
    PayloadOrganization: orgName,
    PayloadRemovalDisallowed: true,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: uuidV5(`${seed}:profile`),
    PayloadVersion: 1,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plist(profile, 0, 'profile'),
    '</plist>',
    '',
  ].join('\n');
}

type PlistDict = { [key: string]: unknown };

function plist(value: unknown, depth: number, where: string): string[] {
  const pad = '\t'.repeat(depth);
  if (typeof value === 'boolean') return [`${pad}<${value}/>`];
  if (typeof value === 'number') return [Number.isInteger(value) ? `${pad}<integer>${value}</integer>` : `${pad}<real>${value}</real>`];
  if (typeof value === 'string') return [`${pad}<string>${xmlText(value, where)}</string>`];
  if (Array.isArray(value)) {
    if (!value.length) return [`${pad}<array/>`];
    return [`${pad}<array>`, ...value.flatMap((v, i) => plist(v, depth + 1, `${where}[${i}]`)), `${pad}</array>`];
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (!entries.length) return [`${pad}<dict/>`];
    return [
      `${pad}<dict>`,
      ...entries.flatMap(([k, v]) => [`${pad}\t<key>${xmlText(k, where)}</key>`, ...plist(v, depth + 1, `${where}.${k}`)]),
      `${pad}</dict>`,
    ];
  }
  throw new Error(`${where}: ${JSON.stringify(value)} cannot be written to a property list`);
}

function xmlText(s: string, where: string): string {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) throw new Error(`${where}: control characters cannot be written to a property list`);
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** RFC 4122's URL namespace; Promptvakt's namespace is derived from it (no magic constant). */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** RFC 4122 version-5 UUID (SHA-1 of a namespace and a name), upper case as Apple writes them. */
export function uuidV5(name: string, namespace = promptvaktNamespace()): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toUpperCase();
}

function promptvaktNamespace(): string {
  return uuidV5('https://promptvakt.se/mobileconfig', URL_NAMESPACE);
}
