/**
 * Every string catalogue, in one test: the catalogues in lib/i18n/ and the
 * manifest strings in public/_locales/. Swedish and English have the same keys
 * with the same kinds of value, no empty text, the same {placeholders}, and
 * function strings give text for sample arguments. Every key has a translator
 * description, and no description names a key that does not exist. The list
 * of catalogues is checked against the files in lib/i18n/, so a new catalogue
 * cannot be left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIALOG_STRINGS } from '../../lib/i18n/dialog-strings';
import { DIALOG_STRINGS_DESCRIPTIONS } from '../../lib/i18n/dialog-strings.descriptions';
import { IN_PAGE_STRINGS } from '../../lib/i18n/in-page-strings';
import { IN_PAGE_STRINGS_DESCRIPTIONS } from '../../lib/i18n/in-page-strings.descriptions';
import { fill, uiLanguage, type UiLanguage } from '../../lib/i18n/language';
import { PLACEHOLDER_LABELS } from '../../lib/i18n/placeholder-labels';
import { PLACEHOLDER_LABELS_DESCRIPTIONS } from '../../lib/i18n/placeholder-labels.descriptions';
import { POLICY_STRINGS } from '../../lib/i18n/policy-strings';
import { POLICY_STRINGS_DESCRIPTIONS } from '../../lib/i18n/policy-strings.descriptions';
import { MARKING_PLACE_TEXT, REPORT_STRINGS } from '../../lib/i18n/report-strings';
import { MARKING_PLACE_TEXT_DESCRIPTIONS, REPORT_STRINGS_DESCRIPTIONS } from '../../lib/i18n/report-strings.descriptions';
import { UI_STRINGS } from '../../lib/i18n/ui-strings';
import { UI_STRINGS_DESCRIPTIONS } from '../../lib/i18n/ui-strings.descriptions';
import { markingPlaceSentence } from '../../lib/report/marking-places';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const I18N_DIR = join(ROOT, 'lib/i18n');
const LANGUAGES: readonly UiLanguage[] = ['sv', 'en'];

type Table = Record<string, unknown>;

interface Catalogue {
  /** The exported name, e.g. UI_STRINGS; its descriptions are exported as `${name}_DESCRIPTIONS`. */
  name: string;
  /** The file under lib/i18n/ without `.ts`, or the path of the manifest strings. */
  file: string;
  /** The exported value itself, to match it against the module's exports. */
  source: unknown;
  languages: Record<UiLanguage, Table>;
  descriptions: Record<string, string>;
}

/** { key: { sv, en } } → { sv: { key }, en: { key } }. */
function byLanguage(table: Readonly<Record<string, Readonly<Record<UiLanguage, string>>>>): Record<UiLanguage, Table> {
  const pick = (lang: UiLanguage) => Object.fromEntries(Object.entries(table).map(([key, texts]) => [key, texts[lang]]));
  return { sv: pick('sv'), en: pick('en') };
}

interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, unknown>;
}
const readLocale = (lang: UiLanguage) =>
  JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, LocaleMessage>;
const LOCALES = { sv: readLocale('sv'), en: readLocale('en') };
const messagesOf = (lang: UiLanguage) => Object.fromEntries(Object.entries(LOCALES[lang]).map(([key, m]) => [key, m.message]));

const CATALOGUES: Catalogue[] = [
  { name: 'UI_STRINGS', file: 'ui-strings', source: UI_STRINGS, languages: UI_STRINGS, descriptions: UI_STRINGS_DESCRIPTIONS },
  {
    name: 'IN_PAGE_STRINGS',
    file: 'in-page-strings',
    source: IN_PAGE_STRINGS,
    languages: IN_PAGE_STRINGS as unknown as Record<UiLanguage, Table>,
    descriptions: IN_PAGE_STRINGS_DESCRIPTIONS,
  },
  {
    name: 'DIALOG_STRINGS',
    file: 'dialog-strings',
    source: DIALOG_STRINGS,
    languages: DIALOG_STRINGS as unknown as Record<UiLanguage, Table>,
    descriptions: DIALOG_STRINGS_DESCRIPTIONS,
  },
  {
    name: 'POLICY_STRINGS',
    file: 'policy-strings',
    source: POLICY_STRINGS,
    languages: POLICY_STRINGS as unknown as Record<UiLanguage, Table>,
    descriptions: POLICY_STRINGS_DESCRIPTIONS,
  },
  {
    name: 'REPORT_STRINGS',
    file: 'report-strings',
    source: REPORT_STRINGS,
    languages: REPORT_STRINGS as unknown as Record<UiLanguage, Table>,
    descriptions: REPORT_STRINGS_DESCRIPTIONS,
  },
  {
    name: 'MARKING_PLACE_TEXT',
    file: 'report-strings',
    source: MARKING_PLACE_TEXT,
    languages: byLanguage(MARKING_PLACE_TEXT),
    descriptions: MARKING_PLACE_TEXT_DESCRIPTIONS,
  },
  {
    name: 'PLACEHOLDER_LABELS',
    file: 'placeholder-labels',
    source: PLACEHOLDER_LABELS,
    languages: byLanguage(PLACEHOLDER_LABELS),
    descriptions: PLACEHOLDER_LABELS_DESCRIPTIONS,
  },
  {
    name: 'messages.json',
    file: 'public/_locales',
    source: LOCALES,
    languages: { sv: messagesOf('sv'), en: messagesOf('en') },
    descriptions: Object.fromEntries(Object.entries(LOCALES.en).map(([key, m]) => [key, m.description ?? ''])),
  },
];

/** Every leaf of a (possibly nested) table: ['decision.allow', 'Tillåts'], ['findings', fn], … */
function leaves(table: Table, prefix = ''): [string, unknown][] {
  return Object.entries(table).flatMap(([key, value]): [string, unknown][] =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? leaves(value as Table, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

/** `{name}` (fill()) and `$NAME$` (the browser's messages.json) placeholders, sorted. */
const placeholdersOf = (text: string) => (text.match(/\{\w+\}|\$\w+\$/g) ?? []).sort();

/** The parameter names of an arrow or plain function, read from its source. */
function parametersOf(fn: (...args: never[]) => unknown): string[] {
  const source = fn.toString();
  const list = /^(?:function\b[^(]*)?\(([^)]*)\)/.exec(source)?.[1] ?? /^(\w+)\s*=>/.exec(source)?.[1] ?? '';
  return list
    .split(',')
    .map((p) => p.replace(/[:=].*$/s, '').trim())
    .filter(Boolean);
}

const SAMPLE_ARGUMENTS = [1, 3, 'Exempel AB'] as const;

describe('the list of catalogues', () => {
  it('is not empty and ends with the manifest strings', () => {
    expect(CATALOGUES.length).toBeGreaterThanOrEqual(6);
    expect(CATALOGUES.at(-1)!.file).toBe('public/_locales');
  });

  it('covers every string table exported from lib/i18n/, and each takes its descriptions from its sibling *.descriptions.ts', async () => {
    const files = readdirSync(I18N_DIR).filter((f) => f.endsWith('.ts'));
    const catalogueFiles = files.filter((f) => f !== 'language.ts' && !f.endsWith('.descriptions.ts'));
    expect(catalogueFiles.length).toBeGreaterThanOrEqual(4);
    for (const file of catalogueFiles) {
      const base = file.replace(/\.ts$/, '');
      const exported = Object.entries((await import(join(I18N_DIR, file))) as Record<string, unknown>).filter(
        ([, value]) => value !== null && typeof value === 'object',
      );
      expect(exported.length, `${file} exports no string table`).toBeGreaterThan(0);
      const descriptions = (await import(join(I18N_DIR, `${base}.descriptions.ts`))) as Record<string, unknown>;
      for (const [name, value] of exported) {
        const listed = CATALOGUES.find((c) => c.source === value);
        expect(listed?.name, `${file}: ${name} is missing from CATALOGUES`).toBe(name);
        expect(listed?.file, name).toBe(base);
        expect(descriptions[`${name}_DESCRIPTIONS`], `${base}.descriptions.ts: ${name}_DESCRIPTIONS`).toBe(listed?.descriptions);
      }
      // A descriptions file describes only catalogues of its sibling.
      expect(Object.keys(descriptions).sort(), `${base}.descriptions.ts`).toEqual(exported.map(([name]) => `${name}_DESCRIPTIONS`).sort());
    }
    // No other kind of file: language.ts, catalogues and their descriptions.
    for (const file of files.filter((f) => f.endsWith('.descriptions.ts'))) {
      expect(catalogueFiles, file).toContain(file.replace('.descriptions.ts', '.ts'));
    }
    expect(files).toContain('language.ts');
  });
});

describe.each(CATALOGUES.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', (_, catalogue) => {
  const sv = catalogue.languages.sv;
  const en = catalogue.languages.en;
  const svLeaves = new Map(leaves(sv));
  const enLeaves = new Map(leaves(en));

  it('has every Swedish key in English and vice versa', () => {
    expect(Object.keys(sv).length).toBeGreaterThan(0);
    expect([...enLeaves.keys()].filter((k) => !svLeaves.has(k)), 'only in English').toEqual([]);
    expect([...svLeaves.keys()].filter((k) => !enLeaves.has(k)), 'only in Swedish').toEqual([]);
  });

  it('has the same kind of value in both languages, and only text or functions giving text', () => {
    for (const [key, value] of svLeaves) {
      expect(['string', 'function'], key).toContain(typeof value);
      expect(typeof enLeaves.get(key), key).toBe(typeof value);
      if (typeof value === 'function') expect((enLeaves.get(key) as () => unknown).length, `${key}: arity`).toBe(value.length);
    }
  });

  it('has no empty text', () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of leaves(catalogue.languages[lang])) {
        if (typeof value === 'string') expect(value.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('has functions that give text holding their argument, for sample arguments', () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of leaves(catalogue.languages[lang])) {
        if (typeof value !== 'function') continue;
        for (const sample of SAMPLE_ARGUMENTS) {
          const text = (value as (arg: unknown) => unknown)(sample);
          expect(typeof text, `${lang}.${key}(${sample})`).toBe('string');
          expect((text as string).trim(), `${lang}.${key}(${sample})`).not.toBe('');
          expect(text as string, `${lang}.${key}(${sample})`).toContain(String(sample));
        }
      }
    }
  });

  it('has the same {placeholders} in Swedish and English', () => {
    for (const [key, value] of svLeaves) {
      const other = enLeaves.get(key);
      if (typeof value === 'string' && typeof other === 'string') expect(placeholdersOf(other), key).toEqual(placeholdersOf(value));
    }
  });

  it('describes every key, and nothing else, naming each {placeholder} and function argument', () => {
    const descriptions = catalogue.descriptions;
    expect(Object.keys(descriptions).filter((k) => !(k in sv)), 'descriptions of keys that do not exist').toEqual([]);
    expect(Object.keys(sv).filter((k) => !(k in descriptions)), 'keys without a description').toEqual([]);
    for (const [key, description] of Object.entries(descriptions)) {
      expect(typeof description, key).toBe('string');
      expect(description.trim().length, `${key}: description`).toBeGreaterThan(10);
      const value = sv[key];
      const named =
        typeof value === 'string'
          ? placeholdersOf(value).filter((p) => p.startsWith('{'))
          : typeof value === 'function'
            ? parametersOf(value as () => unknown).map((p) => `{${p}}`)
            : [];
      for (const placeholder of named) expect(description, `${key}: description names ${placeholder}`).toContain(placeholder);
    }
  });
});

describe('catalogue specifics', () => {
  it('UI_STRINGS: some texts have {placeholders} and some are functions (the checks above see them)', () => {
    const values = Object.values(UI_STRINGS.sv);
    expect(values.some((v) => typeof v === 'string' && placeholdersOf(v).length > 0)).toBe(true);
    expect(values.some((v) => typeof v === 'function')).toBe(true);
  });

  it('UI_STRINGS: holds every IN_PAGE_STRINGS text unchanged, with the same note (the pages reuse the dialog texts)', () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of Object.entries(IN_PAGE_STRINGS[lang])) expect(UI_STRINGS[lang][key as keyof typeof UI_STRINGS.sv], `${lang}.${key}`).toBe(value);
    }
    for (const [key, note] of Object.entries(IN_PAGE_STRINGS_DESCRIPTIONS)) expect(UI_STRINGS_DESCRIPTIONS[key as keyof typeof UI_STRINGS_DESCRIPTIONS], key).toBe(note);
  });

  it('DIALOG_STRINGS: counts what to check in both languages, in plain words', () => {
    expect(DIALOG_STRINGS.sv.indicatorFindings(3)).toBe('3 att kontrollera');
    expect(DIALOG_STRINGS.en.indicatorFindings(1)).toBe('1 to check');
    expect(DIALOG_STRINGS.en.indicatorFindings(2)).toBe('2 to check');
  });

  it('MARKING_PLACE_TEXT: says where a marking was found, in a sentence', () => {
    expect(markingPlaceSentence('subject', 'sv')).toBe('Hittad i ämnesraden.');
    expect(markingPlaceSentence('subject', 'en')).toBe('Found in the subject line.');
  });

  it('PLACEHOLDER_LABELS: capitals without brackets, so "[LABEL 1]" reads as one placeholder', () => {
    for (const [category, labels] of Object.entries(PLACEHOLDER_LABELS)) {
      for (const lang of LANGUAGES) {
        expect(labels[lang], `${lang}.${category}`).toBe(labels[lang].toUpperCase());
        expect(labels[lang], `${lang}.${category}`).not.toMatch(/[[\]]/);
      }
    }
  });

  it('public/_locales: every message has a description in both languages', () => {
    for (const lang of LANGUAGES) {
      for (const [key, message] of Object.entries(LOCALES[lang])) expect(message.description?.trim(), `${lang}.${key}`).toBeTruthy();
    }
  });
});

describe('language helpers', () => {
  it('fills placeholders as plain text, leaving unknown ones', () => {
    expect(fill('Policy från {name}', { name: 'Region $& Exempel' })).toBe('Policy från Region $& Exempel');
    expect(fill('{a} och {b}', { a: 'x' })).toBe('x och {b}');
  });

  it('picks Swedish for sv-* and English otherwise', () => {
    expect(uiLanguage('sv-SE')).toBe('sv');
    expect(uiLanguage('sv')).toBe('sv');
    expect(uiLanguage('en-GB')).toBe('en');
    expect(uiLanguage('fi-FI')).toBe('en');
  });
});
