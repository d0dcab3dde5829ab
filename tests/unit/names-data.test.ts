import { describe, it, expect } from 'vitest';
import firstNames from '../../rules/names/first-names.json';
import surnames from '../../rules/names/surnames.json';

/** Capitalised, letters only, with hyphen or apostrophe inside double names. */
const NAME = /^[\p{Lu}][\p{L}'’-]+$/u;
/** What lib/detectors/sensitive/anchors.ts can see as one word ("Per-Olof" is one token, "McDonald" is not). */
const TOKEN = /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}\p{Ll}+)?$/u;

const svSorted = (list: readonly string[]): string[] => [...list].sort((a, b) => a.localeCompare(b, 'sv'));
const duplicates = (list: readonly string[]): string[] => list.filter((v, i) => list.indexOf(v) !== i);

describe('rules/names/first-names.json', () => {
  const { names, ambiguous } = firstNames;

  it('has a source comment', () => {
    expect(firstNames.$comment.length).toBeGreaterThan(100);
  });

  it('has list sizes in range', () => {
    expect(names.length).toBeGreaterThanOrEqual(1400);
    expect(names.length).toBeLessThanOrEqual(2000);
    expect(ambiguous.length).toBeGreaterThanOrEqual(40);
    expect(ambiguous.length).toBeLessThanOrEqual(120);
  });

  it('has no duplicates within or across the lists', () => {
    expect(duplicates(names)).toEqual([]);
    expect(duplicates(ambiguous)).toEqual([]);
    const inNames = new Set(names);
    expect(ambiguous.filter((n) => inNames.has(n))).toEqual([]);
  });

  it('has only capitalised names made of letters, hyphens and apostrophes', () => {
    expect([...names, ...ambiguous].filter((n) => !NAME.test(n))).toEqual([]);
  });

  it('has only entries the anchor finder can match as one word, in NFC', () => {
    expect([...names, ...ambiguous].filter((n) => !TOKEN.test(n))).toEqual([]);
    expect([...names, ...ambiguous].filter((n) => n !== n.normalize('NFC'))).toEqual([]);
  });

  it('is sorted with Swedish collation', () => {
    expect(names).toEqual(svSorted(names));
    expect(ambiguous).toEqual(svSorted(ambiguous));
  });

  it('keeps names that are also ordinary words in the ambiguous list', () => {
    for (const n of ['Hans', 'Per', 'Bo', 'Liv', 'Love', 'Dag', 'Tor', 'Sten', 'Stig', 'Inga', 'Klara', 'Will', 'Mark']) {
      expect(ambiguous, n).toContain(n);
      expect(names, n).not.toContain(n);
    }
  });

  it('covers Swedish, Finnish, Sámi and immigrant naming traditions', () => {
    for (const n of [
      'Anna', 'Lars', 'Karl', 'Gösta', 'Gunnel', 'Britt-Marie', 'Per-Olof', 'Ann-Christin', 'Åsa', 'Göran', 'Märta',
      'Wilma', 'Noah', 'Loke', 'Pekka', 'Aila', 'Niilas', 'Ánde', 'Rojda', 'Reza', 'Amira', 'Yusuf', 'Mohammed',
      'Abdi', 'Hodan', 'Yonas', 'Marek', 'Tomasz', 'Agnieszka', 'Marius', 'Jelena', 'Zahra',
    ]) {
      expect(names, n).toContain(n);
    }
  });
});

describe('rules/names/surnames.json', () => {
  const { surnames: list, suffixes } = surnames;

  it('has a source comment', () => {
    expect(surnames.$comment.length).toBeGreaterThan(100);
  });

  it('has list sizes in range', () => {
    expect(list.length).toBeGreaterThanOrEqual(500);
    expect(list.length).toBeLessThanOrEqual(900);
    expect(suffixes.length).toBeGreaterThanOrEqual(8);
    expect(suffixes.length).toBeLessThanOrEqual(30);
  });

  it('has no duplicates', () => {
    expect(duplicates(list)).toEqual([]);
    expect(duplicates(suffixes)).toEqual([]);
  });

  it('has only capitalised single-word surnames in NFC', () => {
    expect(list.filter((n) => !NAME.test(n) || !TOKEN.test(n))).toEqual([]);
    expect(list.filter((n) => n !== n.normalize('NFC'))).toEqual([]);
  });

  it('is sorted with Swedish collation', () => {
    expect(list).toEqual(svSorted(list));
  });

  it('contains common Swedish, Sámi and immigrant surnames', () => {
    for (const n of ['Andersson', 'Johansson', 'Lindqvist', 'Öberg', 'Nikolić', 'Kuoljok', 'Vaara', 'Yilmaz', 'Nowak', 'Popescu', 'Hosseini', 'Mohamed']) {
      expect(list, n).toContain(n);
    }
  });

  it('has lower-case suffixes and leaves out endings of common ordinary words', () => {
    expect(suffixes.filter((s) => !/^\p{Ll}{2,}$/u.test(s))).toEqual([]);
    for (const risky of ['son', 'man', 'ell', 'by', 'stad', 'mark', 'borg', 'holm', 'dal']) {
      expect(suffixes, risky).not.toContain(risky);
    }
  });

  it('has suffixes that do not match ordinary capitalised words', () => {
    // Same test as lib/detectors/sensitive/anchors.ts: at least three letters before the ending.
    const matches = (word: string): boolean =>
      suffixes.some((s) => word.length > s.length + 2 && word.toLowerCase().endsWith(s));
    for (const word of ['Person', 'Stockholm', 'Göteborg', 'Danmark', 'Aktuell', 'Generell', 'Karlstad', 'Celsius', 'Sundsvall', 'Skandal', 'Kyrkogård']) {
      expect(matches(word), word).toBe(false);
    }
    for (const word of ['Hallqvist', 'Wästberg', 'Almgren', 'Bergstedt', 'Gudmundsson']) {
      expect(matches(word), word).toBe(true);
    }
  });
});
