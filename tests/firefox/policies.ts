/**
 * Firefox enterprise policies (policies.json) for the Firefox suite.
 *
 * Where Debian's firefox-esr reads policies.json (checked by experiment with
 * about:policies, Firefox ESR 153): first /etc/firefox/policies/policies.json
 * (Firefox's system policies folder on Linux; note: /etc/firefox, not
 * /etc/firefox-esr), else the `distribution` folder next to the binary,
 * /usr/lib/firefox-esr/distribution/policies.json (a symlink to
 * /usr/share/firefox-esr/distribution). Both are global: every Firefox on the
 * machine runs under them. There is no environment variable and no profile
 * setting for the path in a release build; the one way to give one Firefox
 * its own file is the testing pref `browser.policies.alternatePath`, honoured
 * only in automation mode and only while neither global file exists
 * (firefox.ts, LaunchOptions.policiesFile).
 *
 * Two modes (PROMPTVAKT_FIREFOX_POLICIES; unset: "system" as root, as in CI, else "alternate"):
 * - "alternate": the file is written to a temporary folder and given
 *   to that Firefox only; safe next to other Firefox runs.
 * - "system": the file is written to /etc/firefox/policies/policies.json, where
 *   an administrator puts it, and removed again. Every other Firefox started
 *   meanwhile runs under it: run the tests under
 *   `flock /tmp/pv-firefox-policy.lock …` and nothing else Firefox at the same time.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { FIREFOX } from './firefox';

export type PoliciesMode = 'alternate' | 'system';

/**
 * As root (CI), where an administrator puts the file: the real location is what the test is about.
 * Otherwise (a developer's machine) the alternate path, which needs no root. The Firefox suite runs
 * one file at a time (vitest.firefox.config.ts), so no other Firefox of the suite runs meanwhile.
 */
function defaultMode(): PoliciesMode {
  const asked = process.env.PROMPTVAKT_FIREFOX_POLICIES;
  if (asked === 'system' || asked === 'alternate') return asked;
  return process.getuid?.() === 0 ? 'system' : 'alternate';
}

export const POLICIES_MODE: PoliciesMode = defaultMode();

/** Firefox's system-wide policies file on Linux (SysConfD/policies; read first). */
export const SYSTEM_POLICIES_FILE = '/etc/firefox/policies/policies.json';

/** policies.json in the `distribution` folder of the Firefox under test (read when the system file is absent). */
export function distributionPoliciesFile(): string {
  return join(dirname(realpathSync(FIREFOX)), 'distribution', 'policies.json');
}

/** The global policies.json files that exist now: any of them makes every Firefox on the machine managed. */
export function globalPoliciesFiles(): string[] {
  return [SYSTEM_POLICIES_FILE, distributionPoliciesFile()].filter((path) => existsSync(path));
}

export interface WrittenPolicies {
  mode: PoliciesMode;
  /** Where the file is. */
  path: string;
  /** For launchFirefox: the file to give this Firefox only (alternate mode), else undefined. */
  launchFile: string | undefined;
  /** Removes the file, and in system mode the folders it created. */
  remove(): void;
}

/** Writes `bytes` as the policies.json Firefox will read (see the modes above). */
export function writePolicies(bytes: Buffer, mode: PoliciesMode = POLICIES_MODE): WrittenPolicies {
  const existing = globalPoliciesFiles();
  if (existing.length) {
    throw new Error(
      `${existing.join(' and ')} exists: Firefox reads it instead of the test's policies.json` +
        (mode === 'system' ? ' (and it is not ours to overwrite)' : ' (the alternate path is ignored then)') +
        '. Remove it, or wait for the run that wrote it.',
    );
  }
  if (mode === 'alternate') {
    const dir = mkdtempSync(join(tmpdir(), 'promptvakt-firefox-policies-'));
    const path = join(dir, 'policies.json');
    writeFileSync(path, bytes);
    return { mode, path, launchFile: path, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }
  // The folders that do not exist yet, deepest last, so that remove() takes away exactly these.
  const created: string[] = [];
  for (let dir = dirname(SYSTEM_POLICIES_FILE); !existsSync(dir); dir = dirname(dir)) created.unshift(dir);
  mkdirSync(dirname(SYSTEM_POLICIES_FILE), { recursive: true });
  writeFileSync(SYSTEM_POLICIES_FILE, bytes);
  return {
    mode,
    path: SYSTEM_POLICIES_FILE,
    launchFile: undefined,
    remove() {
      rmSync(SYSTEM_POLICIES_FILE, { force: true });
      for (const dir of [...created].reverse()) {
        try {
          rmdirSync(dir);
        } catch {
          // Not empty: someone else put something there meanwhile; leave it.
        }
      }
    },
  };
}

export interface AboutPolicies {
  /** Services.policies.status: the engine's state. */
  status: 'uninitialized' | 'inactive' | 'active' | 'failed' | string;
  /** Services.policies.getActivePolicies(): the policies Firefox applies. */
  active: Record<string, unknown>;
  /** The rows of about:policies' "Errors" tab (empty when the tab is hidden: no errors). */
  errors: string[];
}

/**
 * What about:policies shows: the engine's status and active policies (the
 * page runs with chrome privileges, so `Services` is there) and its Errors tab.
 */
export async function readAboutPolicies(browser: Browser): Promise<AboutPolicies> {
  const page = await browser.newPage();
  try {
    // Like moz-extension:// pages, a goto to about:policies does not resolve over BiDi: poll.
    page.goto('about:policies').catch(() => {});
    const deadline = Date.now() + 10_000;
    for (;;) {
      const read = await page
        .evaluate(() => {
          type Policies = { status: number; ACTIVE: number; INACTIVE: number; FAILED: number; UNINITIALIZED: number; getActivePolicies(): unknown };
          const services = (globalThis as unknown as { Services?: { policies: Policies } }).Services;
          const errorsTab = document.getElementById('category-errors');
          const rows = [...document.querySelectorAll('#errorsContent tr')].map((row) => (row as HTMLElement).innerText.trim());
          // aboutPolicies.js hides the Errors tab when it found none, or fills it: until then it has not run.
          if (location.href !== 'about:policies' || !services || !errorsTab || (!errorsTab.hidden && !rows.length)) return null;
          const p = services.policies;
          const names: Record<number, string> = { [p.ACTIVE]: 'active', [p.INACTIVE]: 'inactive', [p.FAILED]: 'failed', [p.UNINITIALIZED]: 'uninitialized' };
          return {
            status: names[p.status] ?? String(p.status),
            active: JSON.parse(JSON.stringify(p.getActivePolicies() ?? {})) as Record<string, unknown>,
            errors: rows,
          };
        })
        .catch(() => null);
      if (read) return read;
      if (Date.now() > deadline) throw new Error('about:policies did not load within 10 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await page.close();
  }
}
