/**
 * An organisation policy through Firefox's own policy engine, in Debian's
 * Firefox ESR: the policies.json that `npm run policy -- export --target
 * firefox-policies --no-install` makes (cli/policy-export.ts) is read by
 * Firefox, which hands `3rdparty.Extensions["promptvakt@promptvakt.se"]` to
 * the extension as storage.managed. The build is installed as the other
 * Firefox tests do (a temporary add-on; its fixed gecko id is what the policy
 * is keyed by). Checked: about:policies holds the policy without errors, the
 * background resolves it as the organisation's, a custom keyword rule blocks
 * a prompt on a mock chat page, and the options page shows the locked
 * categories and language. Both the MV2 product build and the MV3 variant.
 *
 * By default the file is given to each Firefox alone (tests/firefox/policies.ts,
 * "alternate" mode); PROMPTVAKT_FIREFOX_POLICIES=system writes it where
 * administrators put it, /etc/firefox/policies/policies.json, and removes it
 * afterwards (needs root; run under `flock /tmp/pv-firefox-policy.lock`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { exportPolicy, type PolicyObject } from '../../cli/policy-export';
import { GECKO_EXTENSION_ID } from '../../lib/extension-id';
import { CATEGORIES } from '../../lib/types';
import { BUILDS, DIALOG, dialogCount, dialogText, launchFirefox, sent, SITES, typeInto, until, type FirefoxSession } from './firefox';
import { popupStatus } from './pages';
import { globalPoliciesFiles, POLICIES_MODE, readAboutPolicies, writePolicies, type WrittenPolicies } from './policies';

const RULE_MESSAGE = 'Projekt Nordstjärna är internt och får inte skickas till en publik AI-tjänst.';

const POLICY: PolicyObject = {
  version: 1,
  organisation: { name: 'Exempelkommun', policyUrl: 'https://intranet.exempelkommun.se/ai-policy' },
  customRules: [
    {
      id: 'nordstjarna',
      kind: 'keywords',
      keywords: ['Projekt Nordstjärna'],
      category: 'classified',
      action: 'block',
      message: { sv: RULE_MESSAGE },
    },
  ],
  language: 'sv',
  lockedSettings: ['categories', 'language'],
};

/** The file an administrator deploys: the project's own export, without the force-install entry. */
const EXPORTED = exportPolicy(POLICY, 'firefox-policies', { forceInstall: false });
const EXPORTED_JSON = JSON.parse(EXPORTED.text) as { policies: { '3rdparty': { Extensions: Record<string, PolicyObject> } } & Record<string, unknown> };
/** What Firefox should hand the extension: the policy as exported (with the fields list the exporter adds). */
const DELIVERED = EXPORTED_JSON.policies['3rdparty'].Extensions[GECKO_EXTENSION_ID]!;

const KEYWORD_PROMPT = 'Sammanfatta läget i projekt Nordstjärna inför mötet';
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';

interface StoredPolicy {
  source?: string;
  organisation?: { name?: string };
  language?: string;
  locked?: string[];
  customRules?: { id: string; action?: string; category: string }[];
  diagnostics?: unknown[];
}

/** The effective policy the background stored for every tab (storage.local 'promptvakt.policy'). */
function storedPolicy(extensionPage: Page): Promise<StoredPolicy | undefined> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).browser;
    return (await api.storage.local.get('promptvakt.policy'))['promptvakt.policy'] as StoredPolicy | undefined;
  });
}

/** storage.managed as the extension sees it, or the error Firefox throws. */
function managedStorage(extensionPage: Page): Promise<{ data?: Record<string, unknown>; error?: string }> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { storage: { managed: { get(): Promise<Record<string, unknown>> } } } }).browser;
    try {
      return { data: await api.storage.managed.get() };
    } catch (error) {
      return { error: String((error as Error).message ?? error) };
    }
  });
}

test('the exported policies.json has the policy under the gecko id and no force-install entry', () => {
  expect(Object.keys(EXPORTED_JSON.policies)).toEqual(['3rdparty']);
  expect(Object.keys(EXPORTED_JSON.policies['3rdparty'].Extensions)).toEqual([GECKO_EXTENSION_ID]);
  expect(DELIVERED).toMatchObject(POLICY);
});

for (const variant of ['mv2', 'mv3'] as const) {
  describe(`organisation policy from policies.json in Firefox ESR (${variant.toUpperCase()} build, ${POLICIES_MODE} policies file)`, () => {
    let policies: WrittenPolicies | undefined;
    let ff: FirefoxSession;
    const pages: Page[] = [];

    beforeAll(async () => {
      policies = writePolicies(EXPORTED.bytes);
      ff = await launchFirefox({ extension: BUILDS[variant], policiesFile: policies.launchFile });
      // The background has read storage.managed when the effective policy is the organisation's.
      const page = await ff.openExtensionPage('popup.html', '[data-protected]');
      try {
        await until(async () => (await storedPolicy(page))?.source, 'organisation', 20_000);
      } finally {
        await page.close();
      }
    });
    afterEach(async () => {
      for (const page of pages.splice(0)) await page.close();
    });
    afterAll(async () => {
      await ff?.close();
      policies?.remove();
      // Left behind, a global policies.json would manage every later Firefox run on this machine.
      expect(globalPoliciesFiles()).toEqual([]);
    });

    test('about:policies: the policy engine is active, reports no error and holds the policy under 3rdparty.Extensions', async () => {
      const about = await readAboutPolicies(ff.browser);
      expect(about.errors).toEqual([]);
      expect(about.status).toBe('active');
      expect(about.active).toEqual({ '3rdparty': { Extensions: { [GECKO_EXTENSION_ID]: DELIVERED } } });
    });

    test('the temporary add-on has the gecko id the policy is keyed by, and storage.managed gives it the policy unchanged', async () => {
      expect(ff.extensionId).toBe(GECKO_EXTENSION_ID);
      const page = await ff.openExtensionPage('popup.html', '[data-protected]');
      pages.push(page);
      expect(await managedStorage(page)).toEqual({ data: DELIVERED });
    });

    test('the background applied it: the effective policy is the organisation\'s, with the rule, the language and the locks', async () => {
      const page = await ff.openExtensionPage('popup.html', '[data-protected]');
      pages.push(page);
      const policy = await storedPolicy(page);
      expect(policy).toMatchObject({
        source: 'organisation',
        organisation: { name: 'Exempelkommun' },
        language: 'sv',
        diagnostics: [],
      });
      expect(policy?.locked).toEqual(expect.arrayContaining(['categories', 'language']));
      expect(policy?.customRules).toEqual([expect.objectContaining({ id: 'nordstjarna', category: 'classified', action: 'block' })]);
      // The popup names the organisation, in the policy's language.
      expect((await popupStatus(page)).policy).toContain('Exempelkommun');
    });

    test('chatgpt: a prompt with the custom keyword is blocked with the rule\'s message, the page sends nothing', async () => {
      const site = SITES.chatgpt;
      const page = await ff.open(site);
      pages.push(page);
      await typeInto(page, site, KEYWORD_PROMPT);
      await page.keyboard.press('Enter');
      const text = await dialogText(page);
      // language: "sv" from the policy, although Firefox itself runs in English.
      expect(text).toContain('Promptvakt stoppade meddelandet');
      expect(text).toContain(RULE_MESSAGE);
      expect(await page.$eval(DIALOG, (el) => el.getAttribute('data-promptvakt-dialog'))).toBe('block');
      expect(await sent(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.waitForSelector(DIALOG, { hidden: true });
      // The send button is stopped too.
      await page.click(site.send);
      expect(await dialogText(page)).toContain(RULE_MESSAGE);
      expect(await sent(page)).toEqual([]);
    });

    test('textarea: a prompt without the keyword is sent unchanged', async () => {
      const site = SITES.textarea;
      const page = await ff.open(site);
      pages.push(page);
      await typeInto(page, site, CLEAN_PROMPT);
      await page.keyboard.press('Enter');
      await until(() => sent(page), [CLEAN_PROMPT]);
      expect(await dialogCount(page)).toBe(0);
    });

    test('options: every category is locked by the organisation (no <select>), the language radios are disabled', async () => {
      // The panels of all tabs are in the page (inactive ones hidden): the Policy tab's table is there.
      const page = await ff.openExtensionPage('options.html', '.pv-policy tr[data-category]');
      pages.push(page);
      const view = await page.evaluate(() => ({
        title: document.querySelector('h1')?.textContent,
        rows: [...document.querySelectorAll('.pv-policy tr[data-category]')].map((tr) => ({
          category: tr.getAttribute('data-category'),
          control: tr.getAttribute('data-control'),
          lockedLabel: tr.textContent?.includes('Låst av organisationen') ?? false,
        })),
        selects: document.querySelectorAll('.pv-policy select').length,
        lockedNote: document.querySelector('[data-categories-locked="true"]')?.textContent ?? null,
        radios: [...document.querySelectorAll<HTMLInputElement>('input[type="radio"][name="pv-language"]')].map((r) => ({ value: r.value, disabled: r.disabled, checked: r.checked })),
        languageLocked: document.querySelector('fieldset[data-locked]')?.getAttribute('data-locked'),
      }));
      expect(view.title).toBe('Promptvakt – prova och inställningar');
      const categoryRows = view.rows.filter((row) => row.category !== 'official-test-numbers');
      expect(categoryRows.map((row) => row.category).sort()).toEqual([...CATEGORIES].sort());
      expect(categoryRows.filter((row) => row.control !== 'locked' || !row.lockedLabel)).toEqual([]);
      expect(view.selects).toBe(0);
      expect(view.lockedNote).toBeTruthy();
      expect(view.languageLocked).toBe('true');
      expect(view.radios.length).toBeGreaterThanOrEqual(3);
      expect(view.radios.every((r) => r.disabled)).toBe(true);
      expect(view.radios.filter((r) => r.checked).map((r) => r.value)).toEqual(['sv']);
    });

    test('no page request left the mocked origins, and no page logged an error', () => {
      expect(ff.outsideRequests).toEqual([]);
      expect(ff.pageProblems).toEqual([]);
    });
  });
}
