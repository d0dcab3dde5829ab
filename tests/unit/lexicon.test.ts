import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lexicon, TermSyntaxError, compileTerm, tokenize } from '../../lib/text/lexicon';

function matches(terms: [string, string, boolean?][], text: string): string[] {
  const lexicon = new Lexicon<string>();
  for (const [term, tag, cased] of terms) lexicon.add(term, tag, cased);
  return lexicon.match(tokenize(text)).map((m) => `${m.tag}:${text.slice(m.start, m.end)}`);
}

describe('tokenize', () => {
  it('splits on punctuation and spaces, keeps Swedish letters and digits in words', () => {
    const t = tokenize('Åsa-Märta, ADHD-diagnos: 7B (Kommunal’s)');
    expect(Array.from(t.starts, (s, i) => t.text.slice(s, t.ends[i]))).toEqual(['Åsa', 'Märta', 'ADHD', 'diagnos', '7B', 'Kommunal', 's']);
  });

  it('folds case without changing offsets, also for İ, whose lower case is two units', () => {
    expect(matches([['istanbul', 'city'], ['diagnos*', 'h']], 'İSTANBUL DİAGNOSEN')).toEqual(['city:İSTANBUL', 'h:DİAGNOSEN']);
    expect(matches([['ärende', 'a']], 'ÄRENDE Ärende ärende')).toEqual(['a:ÄRENDE', 'a:Ärende', 'a:ärende']);
  });
});

describe('Lexicon', () => {
  it('matches whole words, prefixes and compound heads, ignoring case', () => {
    const terms: [string, string][] = [['sjuk', 'a'], ['diagnos*', 'b'], ['*syndrom', 'c']];
    expect(matches(terms, 'Sjuk, sjukdom, DIAGNOSEN och utmattningssyndrom; syndromet')).toEqual(['a:Sjuk', 'b:DIAGNOSEN', 'c:utmattningssyndrom']);
  });

  it('matches phrases across any white space, and punctuation exactly as written', () => {
    const terms: [string, string][] = [['ekonomiskt bistånd', 'a'], ['dna-*', 'b'], ['they/them', 'c'], ['misstänkt:', 'd']];
    expect(matches(terms, 'ekonomiskt\n  bistånd, DNA-profilen, they/them, they / them, Misstänkt: X, misstänkt av')).toEqual([
      'a:ekonomiskt\n  bistånd',
      'b:DNA-profilen',
      'c:they/them',
      'd:Misstänkt',
    ]);
  });

  it('respects case for case-sensitive terms', () => {
    const terms: [string, string, boolean][] = [['Kommunal', 'union', true], ['LVU', 'ss', true]];
    expect(matches(terms, 'Kommunal begär; kommunal service; LVU och lvu')).toEqual(['union:Kommunal', 'ss:LVU']);
  });

  it('reports every term that matches at a position', () => {
    expect(matches([['skyddad*', 'a'], ['skyddad folkbokföring', 'b']], 'skyddad folkbokföring')).toEqual(['a:skyddad', 'b:skyddad folkbokföring']);
  });

  it('rejects malformed terms with a clear error', () => {
    expect(() => compileTerm('a*b', 't')).toThrow(TermSyntaxError);
    expect(() => compileTerm('*ab', 't')).toThrow(/leading \*/);
    expect(() => compileTerm('ab*', 't')).toThrow(/trailing \*/);
    expect(() => compileTerm('*dna*', 't')).toThrow(/both ends/);
    expect(() => compileTerm('* x', 't')).toThrow(TermSyntaxError);
  });

  it('property: a term inserted between random words is found with its exact span', () => {
    const word = fc.stringMatching(/^[a-zåäö]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 6 }), (before, after) => {
        const text = [...before, 'Utmattningssyndrom', ...after].join(' ');
        const found = matches([['*syndrom', 'h']], text).filter((m) => m === 'h:Utmattningssyndrom');
        expect(found.length).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
