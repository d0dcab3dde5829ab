/**
 * The popup and options page: which tab URLs count as protected (built-in and
 * organisation sites), how findings become highlighted runs, the policy table,
 * what the pages show for an organisation policy (errors, locked and
 * organisation-set settings, pending sites), rendered with react-dom/server,
 * and the language setting in storage (with a fake browser and a stand-in for
 * the background that resolves the effective policy).
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { highlightRuns, strongestAction } from '../../components/highlight';
import { categoryControl, OptionsPolicy, policyRows } from '../../components/OptionsPolicy';
import { OptionsSettings } from '../../components/OptionsSettings';
import { PopupView, siteStatus, type PopupViewProps, type SiteStatus } from '../../components/Popup';
import * as settings from '../../platform/settings';
import { EFFECTIVE_POLICY_KEY, USER_SETTINGS_KEY } from '../../platform/policy-store';
import type { EffectivePolicy } from '../../lib/policy/effective';
import { resolvePolicy } from '../../lib/policy/resolve';
import { builtInCatalogue } from '../../lib/rules/catalogue';
import { scan } from '../../lib/scan';
import { CATEGORIES, type Category } from '../../lib/types';
import { element, text } from './markup';

// vi.mock is hoisted above the imports: the components see the fake browser.
vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
// wxt/utils/storage (the stores in platform/) reaches the browser through @wxt-dev/browser.
vi.mock('@wxt-dev/browser', () => ({ browser: fakeBrowser }));

const BUILT_IN = resolvePolicy(undefined, undefined);

/** An organisation policy with two mistakes, one site of its own and a changed built-in site. */
const WITH_ERRORS = resolvePolicy(
  {
    version: 1,
    organisation: { name: 'Region Exempel', contact: 'ai@region.example.se', policyUrl: 'https://region.example.se/ai' },
    sites: [
      { pattern: 'https://bad', mode: 'warn' },
      { pattern: 'ai.region.example.se', mode: 'warn' },
      { pattern: 'claude.ai', mode: 'off' },
    ],
    categories: { personnummer: { action: 'bogus' }, health: { action: 'block' }, email: { action: 'warn', allowOverride: false } },
    customRules: [
      { id: 'projekt-nordstjarna', kind: 'keywords', keywords: ['Nordstjärna'], category: 'classified', message: { sv: 'Internt projekt.' } },
    ],
    uploads: { otherFiles: 'confirm' },
  },
  { categories: { phone: 'off', health: 'off' } },
);

const LOCKED = resolvePolicy(
  { version: 1, organisation: { name: 'Myndigheten' }, lockedSettings: ['categories', 'highlightWhileTyping'], language: 'sv' },
  { categories: { phone: 'off' }, language: 'en', highlightWhileTyping: false },
);

const SWITCHED_OFF = resolvePolicy({ version: 1, enabled: false, organisation: { name: 'Myndigheten' } }, undefined);

function popup(overrides: Partial<PopupViewProps> = {}): string {
  const props: PopupViewProps = {
    language: 'sv',
    status: { protected: false },
    policy: BUILT_IN,
    pendingSites: [],
    onGrantAccess: () => {},
    optionsPolicyHref: 'chrome-extension://x/options.html#policy',
    onOpenOptions: () => {},
    ...overrides,
  };
  return renderToStaticMarkup(createElement(PopupView, props));
}

function policyTab(policy: EffectivePolicy, pendingSites: string[] = [], language: 'sv' | 'en' = 'sv'): string {
  return renderToStaticMarkup(createElement(OptionsPolicy, { language, policy, pendingSites }));
}

function settingsTab(policy: EffectivePolicy, language: 'sv' | 'en' = 'sv'): string {
  const choice = policy.language;
  return renderToStaticMarkup(createElement(OptionsSettings, { language, choice, onChange: () => {}, policy }));
}

const row = (html: string, category: Category) => element(html, 'tr', `data-category="${category}"`);

describe('popup site status', () => {
  it('names a protected site and treats everything else as not protected', () => {
    expect(siteStatus('https://chatgpt.com/c/123')).toEqual({ protected: true, name: 'ChatGPT', mode: 'block' });
    expect(siteStatus('https://claude.ai/new', BUILT_IN)).toEqual({ protected: true, name: 'Claude', mode: 'block' });
    // The host of an unprotected page is named (the popup reads it through activeTab only when opened).
    expect(siteStatus('https://www.example.se/')).toEqual({ protected: false, host: 'www.example.se' });
    expect(siteStatus('https://www.example.se/', BUILT_IN)).toEqual({ protected: false, host: 'www.example.se' });
    expect(siteStatus('chrome-extension://abc/popup.html')).toEqual({ protected: false });
    expect(siteStatus(undefined)).toEqual({ protected: false });
    expect(siteStatus('not a url')).toEqual({ protected: false });
  });

  it("follows the organisation's sites and modes", () => {
    expect(siteStatus('https://ai.region.example.se/chat', WITH_ERRORS)).toEqual({
      protected: true,
      name: 'ai.region.example.se',
      mode: 'warn',
    });
    expect(siteStatus('https://claude.ai/new', WITH_ERRORS)).toEqual({ protected: false, offByOrganisation: true, host: 'claude.ai' });
    expect(siteStatus('https://chatgpt.com/', WITH_ERRORS)).toMatchObject({ protected: true, mode: 'block' });
    const monitor = resolvePolicy({ version: 1, sites: [{ pattern: 'chatgpt.com', mode: 'monitor' }] }, undefined);
    expect(siteStatus('https://chatgpt.com/', monitor)).toMatchObject({ protected: true, name: 'ChatGPT', mode: 'monitor' });
  });

  it('is off everywhere when the organisation switches Promptvakt off', () => {
    expect(siteStatus('https://chatgpt.com/', SWITCHED_OFF)).toEqual({ protected: false, offByOrganisation: true, host: 'chatgpt.com' });
    expect(siteStatus('https://www.example.se/', SWITCHED_OFF)).toEqual({ protected: false, host: 'www.example.se' });
  });
});

describe('popup', () => {
  it('shows the built-in policy and no alerts or invented data by default', () => {
    const html = popup();
    // The colon after a <dt> comes from CSS.
    expect(text(html)).toContain('Gäller Inbyggd standardpolicy');
    expect(html).toContain('data-policy-source="built-in"');
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('data-pending-sites');
    expect(text(html)).not.toMatch(/\d/);
  });

  it("names the organisation and links its guideline first", () => {
    const html = popup({ policy: WITH_ERRORS });
    expect(text(html)).toContain('Policy från Region Exempel');
    expect(html.indexOf('https://region.example.se/ai')).toBeLessThan(html.indexOf('digg.se'));
    expect(text(popup({ policy: WITH_ERRORS, language: 'en' }))).toContain('Policy from Region Exempel');
  });

  it('shows an employee one plain sentence for a policy with errors, and IT the paths behind a disclosure', () => {
    const html = popup({ policy: WITH_ERRORS });
    const alert = element(html, 'section', 'role="alert"');
    const details = element(alert, 'details', 'data-policy-technical');
    // Outside the disclosure: the sentence only, with the organisation's contact; no JSON path, no English.
    const plain = text(alert.replace(details, ''));
    expect(plain).toBe(
      'Organisationens inställningar för Promptvakt innehåller fel. Skyddet är på; där det är fel gäller standardinställningarna. Kontakta ai@region.example.se.',
    );
    // Behind it (closed until opened): every path with its message, in English and marked so, and the link to the full list.
    expect(details).not.toMatch(/<details[^>]* open/);
    expect(text(element(details, 'summary', '<summary'))).toBe('Teknisk information för IT');
    expect(text(details)).toContain('sites[0].pattern');
    expect(text(details)).toContain('categories.personnummer.action');
    expect(details).toContain('<span lang="en">');
    expect(details).toContain('href="chrome-extension://x/options.html#policy"');

    const en = element(popup({ policy: WITH_ERRORS, language: 'en' }), 'section', 'role="alert"');
    expect(text(en)).toContain("Your organisation's settings for Promptvakt contain errors. Protection is on;");
    expect(text(en)).toContain('Contact ai@region.example.se.');
    expect(text(element(en, 'summary', '<summary'))).toBe('Technical details for IT');
  });

  it('asks the employee to contact IT support when the policy names no contact', () => {
    const policy = resolvePolicy({ version: 1, organisation: { name: 'Myndigheten' }, failureMode: 'sometimes' }, undefined);
    expect(text(element(popup({ policy }), 'section', 'role="alert"'))).toContain('Kontakta IT-supporten.');
    expect(text(element(popup({ policy, language: 'en' }), 'section', 'role="alert"'))).toContain('Contact IT support.');
  });

  it('names a field the browser did not deliver in the technical details, with the pointer to chrome://policy', () => {
    // Chrome dropped `categories` (one value in it broke the schema): the policy lists it, but it did not arrive.
    const policy = resolvePolicy({ version: 1, organisation: { name: 'Region Exempel' }, failureMode: 'block', policyFields: ['version', 'organisation', 'categories', 'failureMode'] }, undefined);
    expect(policy.diagnostics).toMatchObject([{ kind: 'not-delivered', field: 'categories' }]);
    const alert = element(popup({ policy }), 'section', 'role="alert"');
    expect(text(alert)).toContain('Organisationens inställningar för Promptvakt innehåller fel.');
    const entry = element(element(alert, 'details', 'data-policy-technical'), 'li', 'data-diagnostic-kind="not-delivered"');
    expect(text(entry)).toMatch(/^Levererades inte av webbläsaren: categories fanns i policyn, men webbläsaren levererade det inte\./);
    expect(text(entry)).toContain('chrome://policy');
    expect(text(entry)).toContain('about:policies');
    // In Swedish on the Swedish page (the pages' own text, not the validator's English).
    expect(entry).not.toContain('lang="en"');
    expect(text(element(popup({ policy, language: 'en' }), 'li', 'data-diagnostic-kind'))).toContain('categories was in the policy, but the browser did not deliver it.');
  });

  it('lists the first five errors in the popup and says how many more there are', () => {
    const policy = resolvePolicy({ version: 1, sites: Array.from({ length: 7 }, () => ({ pattern: 'https://bad' })) }, undefined);
    const details = element(popup({ policy }), 'details', 'data-policy-technical');
    expect(details.match(/<li/g)).toHaveLength(5);
    expect(text(details)).toContain('(+2 till)');
  });

  it('says when the organisation has switched protection off, here and everywhere', () => {
    const status = siteStatus('https://chatgpt.com/', SWITCHED_OFF);
    const html = popup({ policy: SWITCHED_OFF, status });
    expect(text(html)).toContain('Promptvakt är avstängt av din organisation');
    expect(text(html)).toContain('Din organisation har stängt av skyddet på den här webbplatsen.');
  });

  it('says how strictly the organisation guards a site', () => {
    const status: SiteStatus = { protected: true, name: 'ai.region.example.se', mode: 'warn' };
    expect(text(popup({ policy: WITH_ERRORS, status }))).toContain('varnar men stoppar inte');
    expect(popup({ policy: WITH_ERRORS, status })).toContain('data-site-mode="warn"');
  });

  it('lists sites waiting for access with a button to grant it', () => {
    const html = popup({ policy: WITH_ERRORS, pendingSites: ['https://ai.region.example.se/*'] });
    const notice = element(html, 'section', 'data-pending-sites');
    expect(text(notice)).toContain('1 webbplats väntar på åtkomst');
    expect(text(notice)).toContain('ai.region.example.se');
    expect(notice).toMatch(/<button type="button"[^>]*>Ge Promptvakt åtkomst<\/button>/);
    expect(text(popup({ policy: WITH_ERRORS, pendingSites: ['https://ai.region.example.se/*'], grantState: 'granted' }))).toContain(
      'Åtkomst given.',
    );
  });

  it('says "reduced protection" instead of "protected" while the employee has lowered a category, and which', () => {
    const reduced = resolvePolicy(undefined, { categories: { health: 'off', personnummer: 'off' } });
    const status: SiteStatus = { protected: true, name: 'ChatGPT', mode: 'block' };
    const html = popup({ policy: reduced, status });
    expect(html).toContain('data-site-state="reduced"');
    expect(text(element(html, 'section', 'data-site-state'))).toContain('Minskat skydd');
    expect(text(element(html, 'section', 'data-site-state'))).not.toContain('Skyddad AI-tjänst');
    const notice = element(html, 'section', 'data-reduced-protection');
    expect(notice).toContain('data-reduced-protection="personnummer health"');
    expect(text(notice)).toContain('Personnummer');
    expect(notice).toContain('href="chrome-extension://x/options.html#policy"');
    expect(text(popup({ policy: reduced, status, language: 'en' }))).toContain('Reduced protection');
    // Stricter than the defaults is not reduced.
    expect(popup({ policy: resolvePolicy(undefined, { categories: { email: 'block' } }), status })).toContain('data-site-state="protected"');
  });

  it("offers the organisation's approved tools on every page, protected or not", () => {
    const policy = resolvePolicy(
      { version: 1, approvedTools: [{ name: 'Kommunens AI', url: 'https://ai.kommun.example.se/', description: { sv: 'För texter med personuppgifter', en: 'For texts with personal data' } }] },
      undefined,
    );
    for (const status of [{ protected: false }, { protected: true, name: 'ChatGPT', mode: 'block' as const }]) {
      const tools = element(popup({ policy, status }), 'section', 'data-approved-tools');
      expect(text(tools)).toContain('Använd Kommunens AI i stället');
      expect(text(tools)).toContain('För texter med personuppgifter');
      expect(tools).toContain('href="https://ai.kommun.example.se/"');
      expect(tools).toContain('target="_blank"');
      expect(text(tools)).toContain('(öppnas i ny flik)');
    }
    expect(text(popup({ policy, language: 'en' }))).toContain('Use Kommunens AI instead');
    expect(popup()).not.toContain('data-approved-tools');
  });

  it('on an unlisted site names it, and lists the services Promptvakt protects', () => {
    const status = siteStatus('https://chat.unlisted-ai.example/', BUILT_IN);
    const html = popup({ status, tabUrl: 'https://chat.unlisted-ai.example/' });
    expect(html).toContain('data-site-state="unprotected"');
    expect(text(html)).toContain('Promptvakt skyddar inte chat.unlisted-ai.example.');
    const services = element(html, 'section', 'data-protected-services');
    expect(text(services)).toContain('ChatGPT');
    expect(text(services)).toContain('Claude');
    // The organisation's own sites are listed too; a built-in site it switched off is not.
    const own = resolvePolicy({ version: 1, sites: [{ pattern: 'ai.region.example.se', mode: 'block' }, { pattern: 'claude.ai', mode: 'off' }] }, undefined);
    const ownServices = text(element(popup({ status, policy: own }), 'section', 'data-protected-services'));
    expect(ownServices).toContain('ai.region.example.se');
    expect(ownServices).not.toContain('Claude');
  });

  it('on an organisation site still waiting for access, says so and offers the grant button there', () => {
    const policy = resolvePolicy({ version: 1, sites: [{ pattern: 'ai.region.example.se', mode: 'block' }] }, undefined);
    const url = 'https://ai.region.example.se/chat';
    const granted = popup({ policy, status: siteStatus(url, policy), tabUrl: url, pendingSites: [] });
    expect(granted).toContain('data-site-state="protected"');
    // Before access is granted the tab's address may still be readable (activeTab), the content script is not there.
    const html = popup({ policy, status: { protected: false, host: 'ai.region.example.se' }, tabUrl: url, pendingSites: ['https://ai.region.example.se/*'] });
    expect(html).toContain('data-site-state="pending"');
    const state = element(html, 'section', 'data-site-state');
    expect(text(state)).toContain('Väntar på åtkomst');
    expect(state).toContain('data-grant-this-site="true"');
  });

  it('keeps the degraded notice', () => {
    const status: SiteStatus = { protected: true, name: 'Grok', mode: 'block', degraded: true };
    expect(element(popup({ status }), 'section', 'data-degraded="true"')).toContain('Skyddet är begränsat');
  });
});

describe('policy table', () => {
  it('has one row per category plus official test numbers, in the defaults\' order of strictness', () => {
    const rows = policyRows(BUILT_IN, builtInCatalogue(), 'sv');
    expect(rows.map((r) => r.id).sort()).toEqual([...CATEGORIES, 'official-test-numbers'].sort());
    expect(rows[0]!.action).toBe('block');
    expect(rows.at(-1)).toMatchObject({ id: 'official-test-numbers', action: 'log' });
    expect(rows.find((r) => r.id === 'personnummer')).toMatchObject({ titles: ['Personnummer'], action: 'block' });
    for (const row of rows) expect(row.titles.length).toBeGreaterThan(0);
    // A changed action does not move its row.
    const order = rows.map((r) => r.id);
    expect(policyRows(WITH_ERRORS, builtInCatalogue(), 'sv').map((r) => r.id)).toEqual(order);
  });

  it('says who decides each category', () => {
    expect(categoryControl(BUILT_IN, 'personnummer')).toBe('editable');
    expect(categoryControl(WITH_ERRORS, 'health')).toBe('set-by-organisation');
    expect(categoryControl(WITH_ERRORS, 'phone')).toBe('editable');
    expect(categoryControl(LOCKED, 'phone')).toBe('locked');
  });
});

describe('options "Policy"', () => {
  it('lists a field the browser did not deliver first, marked as such, before Promptvakt\'s own errors', () => {
    const policy = resolvePolicy(
      { version: 1, organisation: { name: 'Region Exempel' }, sites: [{ pattern: 'https://bad' }], policyFields: ['version', 'organisation', 'sites', 'customRules'] },
      undefined,
    );
    const items = element(policyTab(policy), 'details', 'data-policy-technical').match(/<li[\s\S]*?<\/li>/g)!;
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('data-diagnostic-kind="not-delivered"');
    expect(text(items[0]!)).toMatch(/^Levererades inte av webbläsaren: customRules fanns i policyn/);
    expect(text(items[0]!)).toContain('chrome://policy');
    expect(text(items[1]!)).toMatch(/^sites\[0\]\.pattern :/);
  });

  it('shows the built-in policy with a labelled select per category', () => {
    const html = policyTab(BUILT_IN);
    expect(text(html)).toContain('Gäller Inbyggd standardpolicy');
    expect(html).not.toContain('role="alert"');
    const personnummer = row(html, 'personnummer');
    expect(personnummer).toContain('<select');
    expect(personnummer).toMatch(/<option value="block" selected="">Stoppas<\/option>/);
    // Named by the row and column headers, described by the hint above the table.
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(personnummer.slice(personnummer.indexOf('<select')))![1]!.split(' ');
    for (const id of labelledBy) expect(html).toContain(`id="${id}"`);
    const describedBy = /aria-describedby="([^"]+)"/.exec(personnummer)![1]!.split(' ');
    expect(element(html, 'p', `id="${describedBy[0]}"`)).toContain('Du kan ändra åtgärden');
    // Identity numbers offer only block and warn, and the row says why.
    expect(element(html, 'span', `id="${describedBy[1]}"`)).toContain('Kan inte sättas lägre än Varning');
    expect(personnummer).not.toContain('<option value="off"');
    expect(personnummer).not.toContain('<option value="log"');
    expect(row(html, 'health')).toContain('<option value="off"');
    // The test-number row cannot be changed.
    expect(row(html, 'official-test-numbers' as Category)).not.toContain('<select');
  });

  it('says in one sentence that the policy has errors, and lists every error for IT behind a disclosure', () => {
    const html = policyTab(WITH_ERRORS);
    const alert = element(html, 'section', 'role="alert"');
    const headingId = /aria-labelledby="([^"]+)"/.exec(alert)![1]!;
    expect(text(element(alert, 'h3', `id="${headingId}"`))).toBe('Organisationens policy har fel');
    const details = element(alert, 'details', 'data-policy-technical');
    expect(text(alert.replace(details, ''))).toBe(
      'Organisationens policy har fel Organisationens inställningar för Promptvakt innehåller fel. Skyddet är på; där det är fel gäller standardinställningarna. Kontakta ai@region.example.se.',
    );
    expect(details).not.toMatch(/<details[^>]* open/);
    expect(text(element(details, 'summary', '<summary'))).toBe('Teknisk information för IT');
    expect(text(details)).toContain('sites[0].pattern');
    expect(text(details)).toContain('categories.personnummer.action');
    expect(text(details)).toContain('Promptvakt använder resten av policyn');
    expect(text(element(policyTab(WITH_ERRORS, [], 'en'), 'summary', '<summary'))).toBe('Technical details for IT');
    expect(text(html)).toContain('Policy från Region Exempel');
    expect(text(html)).toContain('ai@region.example.se');
    expect(html).toContain('href="https://region.example.se/ai"');
  });

  it('shows an organisation-set category as text, "set by", and the employee may change the rest', () => {
    const html = policyTab(WITH_ERRORS);
    const health = row(html, 'health');
    expect(health).not.toContain('<select');
    expect(text(health)).toContain('Stoppas');
    expect(text(health)).toContain('Satt av organisationen');
    // The employee's own "off" for health is overruled; for phone it applies.
    const phone = row(html, 'phone');
    expect(phone).toMatch(/<option value="off" selected="">Av<\/option>/);
    expect(text(phone)).toContain('Ändrat av dig (standard: Noteras)');
    // Warnings say whether they may be sent anyway.
    expect(text(row(html, 'email'))).toContain('Får inte skickas ändå');
    expect(text(row(html, 'politics'))).toContain('Får skickas ändå');
    expect(text(policyTab(WITH_ERRORS, [], 'en'))).toContain('Set by your organisation');
  });

  it('has no select at all when the organisation locks the categories', () => {
    const html = policyTab(LOCKED);
    for (const category of CATEGORIES) {
      const r = row(html, category);
      expect(r, category).not.toContain('<select');
      expect(text(r), category).toContain('Låst av organisationen');
    }
    expect(html).not.toContain('<select');
    // The employee's own "off" does not apply: the default does.
    expect(text(row(html, 'phone'))).toContain('Noteras');
    expect(text(html)).toContain('Din organisation har låst åtgärderna');
    expect(text(policyTab(LOCKED, [], 'en'))).toContain('Locked by your organisation');
  });

  it("lists the organisation's rules and sites, marks pending sites and offers access", () => {
    const html = policyTab(WITH_ERRORS, ['https://ai.region.example.se/*']);
    const rule = element(html, 'tr', 'data-custom-rule="projekt-nordstjarna"');
    expect(text(rule)).toContain('Nyckelord');
    expect(text(rule)).toContain('classified');
    expect(text(rule)).toContain('Som kategorin: Stoppas');
    const pending = element(html, 'tr', 'data-site="ai.region.example.se"');
    expect(pending).toContain('data-site-status="pending"');
    expect(text(pending)).toContain('Endast varningar');
    expect(text(pending)).toContain('Väntar på åtkomst');
    expect(element(html, 'tr', 'data-site="claude.ai"')).toContain('data-site-status="off"');
    expect(html).toMatch(/<button type="button"[^>]*>Ge Promptvakt åtkomst<\/button>/);
    // Without pending sites: no button.
    expect(policyTab(WITH_ERRORS)).not.toContain('Ge Promptvakt åtkomst');
  });

  it('shows the failure mode and the upload setting', () => {
    expect(text(policyTab(BUILT_IN))).toContain('Om kontrollen misslyckas skickas ingenting');
    expect(text(policyTab(WITH_ERRORS))).toContain('du måste bekräfta innan filen laddas upp');
  });

  it('says when the organisation has switched Promptvakt off', () => {
    expect(text(policyTab(SWITCHED_OFF))).toContain('Promptvakt är avstängt av din organisation');
  });
});

describe('options "Inställningar"', () => {
  it('lets the employee choose the language and highlighting', () => {
    const html = settingsTab(BUILT_IN);
    expect(html.match(/type="radio"/g)).toHaveLength(3);
    expect(html).not.toContain('disabled');
    const checkbox = /<input type="checkbox"[^>]*>/.exec(html)![0];
    expect(checkbox).toContain('checked=""');
    const id = /id="([^"]+)"/.exec(checkbox)![1]!;
    expect(html).toContain(`for="${id}"`);
    expect(text(html)).toContain('Markera känsliga uppgifter medan jag skriver');
  });

  it('disables locked settings and says why', () => {
    const html = settingsTab(LOCKED);
    const radios = html.match(/<input type="radio"[^>]*>/g)!;
    expect(radios).toHaveLength(3);
    for (const radio of radios) {
      expect(radio).toContain('disabled=""');
      const note = /aria-describedby="([^"]+)"/.exec(radio)![1]!;
      expect(text(element(html, 'p', `id="${note}"`))).toContain('Språket bestäms av din organisation');
    }
    expect(radios.find((r) => r.includes('value="sv"'))).toContain('checked=""');
    const checkbox = /<input type="checkbox"[^>]*>/.exec(html)![0];
    expect(checkbox).toContain('disabled=""');
    // Locked without a value of its own: the default (on) applies, not the employee's "off".
    expect(checkbox).toContain('checked=""');
    const [, lockNote] = /aria-describedby="([^"]+)"/.exec(checkbox)![1]!.split(' ');
    expect(text(element(html, 'p', `id="${lockNote}"`))).toContain('Den här inställningen bestäms av din organisation');
    expect(text(settingsTab(LOCKED, 'en'))).toContain('The language is set by your organisation.');
  });
});

describe('highlightRuns', () => {
  it('covers the whole text, with a run per finding', () => {
    const text = 'Sökande: Per Nilsson, 640823-4174';
    const { findings } = scan(text);
    const runs = highlightRuns(text, findings);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    const marked = runs.filter((r) => r.findings.length);
    expect(marked.map((r) => r.text)).toContain('640823-4174');
  });

  it('merges overlapping findings into one run and keeps the strongest action', () => {
    const f = (start: number, end: number, action: 'log' | 'warn' | 'block') => ({ start, end, action });
    const runs = highlightRuns('abcdefghij', [f(6, 8, 'log'), f(2, 5, 'warn'), f(4, 7, 'block')]);
    expect(runs.map((r) => [r.text, r.findings.length])).toEqual([
      ['ab', 0],
      ['cdefgh', 3],
      ['ij', 0],
    ]);
    expect(strongestAction(runs[1]!.findings)).toBe('block');
  });

  it('ignores empty and out-of-range spans', () => {
    expect(highlightRuns('abc', [{ start: 1, end: 1, action: 'warn' }, { start: 2, end: 9, action: 'warn' }])).toEqual([
      { text: 'abc', start: 0, findings: [] },
    ]);
  });
});

describe('language setting', () => {
  let managed: unknown;
  let stopBackground: () => void;

  /** Stands in for the background: resolves the effective policy whenever the employee's settings change. */
  async function resolveNow(): Promise<void> {
    const user = (await fakeBrowser.storage.sync.get(USER_SETTINGS_KEY))[USER_SETTINGS_KEY];
    await fakeBrowser.storage.local.set({ [EFFECTIVE_POLICY_KEY]: resolvePolicy(managed, user) });
  }

  beforeEach(async () => {
    fakeBrowser.reset();
    managed = undefined;
    // After the first start: empty settings, and the policy the background resolved from them.
    await fakeBrowser.storage.sync.set({ [USER_SETTINGS_KEY]: {} });
    await resolveNow();
    const listener = (changes: Record<string, unknown>, area: string) =>
      area === 'sync' && USER_SETTINGS_KEY in changes ? resolveNow() : undefined;
    fakeBrowser.storage.onChanged.addListener(listener);
    stopBackground = () => fakeBrowser.storage.onChanged.removeListener(listener);
  });
  afterEach(() => stopBackground());

  it('is auto until set, and auto follows the browser language', async () => {
    expect(await settings.getLanguageChoice()).toBe('auto');
    expect(settings.resolveLanguage('auto', 'sv-SE')).toBe('sv');
    expect(settings.resolveLanguage('auto', 'en-US')).toBe('en');
  });

  it("stores the choice in the employee's settings and follows the effective policy", async () => {
    const seen: string[] = [];
    const off = settings.onLanguageChoiceChanged((c) => seen.push(c));
    await settings.setLanguage('en');
    expect(await fakeBrowser.storage.sync.get(USER_SETTINGS_KEY)).toEqual({ [USER_SETTINGS_KEY]: { language: 'en' } });
    await vi.waitFor(async () => expect(await settings.getLanguage()).toBe('en'));
    await settings.setLanguage('sv');
    await vi.waitFor(async () => expect(await settings.getLanguage()).toBe('sv'));
    off();
    await settings.setLanguage('auto');
    await vi.waitFor(async () => expect(await settings.getLanguageChoice()).toBe('auto'));
    expect(seen).toEqual(['en', 'sv']);
  });

  it("uses the organisation's language when it sets one, whatever the employee chose", async () => {
    managed = { version: 1, language: 'sv' };
    await resolveNow();
    await settings.setLanguage('en');
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get(EFFECTIVE_POLICY_KEY))[EFFECTIVE_POLICY_KEY]).toBeTruthy());
    expect(await settings.getLanguageChoice()).toBe('sv');
    expect(await settings.getLanguage()).toBe('sv');
  });

  it('refuses to store an unknown choice', async () => {
    await expect(settings.setLanguage('de' as never)).rejects.toThrow(TypeError);
  });
});

describe('warnings in the organisation policy (a rule that can never fire)', () => {
  const WARNED = resolvePolicy(
    {
      version: 1,
      organisation: { name: 'Exempelkommun' },
      customRules: [{ id: 'ks', kind: 'regex', pattern: 'KS–[0-9]{4}', category: 'classified', message: { sv: 'Intern diarieserie.' } }],
    },
    undefined,
  );

  it('are warnings, and the rule still applies', () => {
    expect(WARNED.diagnostics.length).toBeGreaterThan(0);
    expect(WARNED.diagnostics.every((d) => 'severity' in d && d.severity === 'warning')).toBe(true);
    expect(WARNED.customRules.map((r) => r.id)).toEqual(['ks']);
  });

  it('do not tell the employee "the policy has errors" in the popup', () => {
    const html = popup({ policy: WARNED });
    expect(html).not.toContain('data-policy-errors');
    expect(html).not.toContain('role="alert"');
  });

  it('are listed for IT in the options page, with the hint, without an alert', () => {
    const html = policyTab(WARNED);
    expect(html).not.toContain('data-policy-errors');
    const notice = element(html, 'section', 'data-policy-warnings');
    expect(notice).not.toContain('role="alert"');
    expect(text(notice)).toContain('Hela policyn gäller');
    const item = element(notice, 'li', 'data-severity="warning"');
    expect(text(item)).toContain('Varning');
    expect(text(item)).toContain('customRules[0]');
    expect(text(item)).toContain('KS-[0-9]{4}');
  });
});
