/**
 * UI strings: Swedish and English have the same keys with the same kinds of
 * value, no empty text, and the extension's _locales agree with each other.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fill, UI_STRINGS, uiLanguage } from '../../platform/i18n';

const sv: Record<string, unknown> = UI_STRINGS.sv;
const en: Record<string, unknown> = UI_STRINGS.en;

describe('UI_STRINGS', () => {
  it('has every Swedish key in English and vice versa, with the same type', () => {
    expect(Object.keys(en).filter((k) => !(k in sv))).toEqual([]);
    expect(Object.keys(sv).filter((k) => !(k in en))).toEqual([]);
    for (const key of Object.keys(sv)) expect(typeof en[key], key).toBe(typeof sv[key]);
  });

  it('has no empty strings', () => {
    for (const [lang, strings] of Object.entries({ sv, en })) {
      for (const [key, value] of Object.entries(strings)) {
        if (typeof value === 'string') expect(value.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('has function keys that produce text for n = 1 and n = 3', () => {
    const functionKeys = Object.keys(sv).filter((k) => typeof sv[k] === 'function');
    expect(functionKeys.length).toBeGreaterThan(0);
    for (const [lang, strings] of Object.entries({ sv, en })) {
      for (const key of functionKeys) {
        const fn = strings[key] as (n: number) => unknown;
        for (const n of [1, 3]) {
          const text = fn(n);
          expect(typeof text, `${lang}.${key}(${n})`).toBe('string');
          expect((text as string).trim(), `${lang}.${key}(${n})`).not.toBe('');
          expect(text as string, `${lang}.${key}(${n})`).toContain(String(n));
        }
      }
    }
  });

  it('has the same {placeholders} in Swedish and English', () => {
    const placeholders = (v: unknown) => (typeof v === 'string' ? (v.match(/\{\w+\}/g) ?? []).sort() : []);
    for (const key of Object.keys(sv)) expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
    expect(Object.keys(sv).some((k) => placeholders(sv[k]).length > 0)).toBe(true);
  });

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

describe('public/_locales', () => {
  const read = (lang: string) =>
    JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8')) as Record<
      string,
      { message: string }
    >;

  it('has the same keys in sv and en, each with a non-empty message', () => {
    const svMessages = read('sv');
    const enMessages = read('en');
    expect(Object.keys(enMessages).sort()).toEqual(Object.keys(svMessages).sort());
    for (const [lang, messages] of Object.entries({ sv: svMessages, en: enMessages })) {
      for (const [key, value] of Object.entries(messages)) expect(value.message?.trim(), `${lang}.${key}`).toBeTruthy();
    }
  });
});
