/** The marking rules of rules/packs/markings.json, and which one a level term falls under. */
import type { LevelTerm } from './terms';

/** Rule ids of rules/packs/markings.json. */
export const MARKING_RULES = {
  /** Swedish säkerhetsskyddsklasser and the pre-2019 HEMLIG/SECRET forms. */
  securityClass: 'classified.security-class-se',
  /** OSL secrecy stamps: "Sekretess enligt 25 kap. 1 § OSL", "HEMLIG enl. 15:2 OSL", "SEKRETESS". */
  secrecyOsl: 'classified.secrecy-osl',
  /** EU classified information (RESTREINT UE/EU RESTRICTED …). */
  eu: 'classified.eu',
  /** NATO RESTRICTED … COSMIC TOP SECRET. */
  nato: 'classified.nato',
  /** US banners and portion markings, English TOP SECRET/SECRET/CONFIDENTIAL. */
  us: 'classified.us',
  /** TLP:RED and TLP:AMBER sharing restrictions. */
  tlp: 'classified.tlp',
  /** A level or stamp whose verdict is unsure (markings/recall.ts): the employee is asked. */
  possibleMarking: 'classified.possible-marking',
} as const;

export type MarkingRuleId = (typeof MARKING_RULES)[keyof typeof MARKING_RULES];

const FIRST_NUMBER = /\d{1,2}/;

/** The OSL chapter a reference cites (its first number), or -1. */
export function chapterOf(refText: string): number {
  const m = FIRST_NUMBER.exec(refText);
  return m ? Number(m[0]) : -1;
}

export function ruleOf(term: LevelTerm, citesOsl: boolean): MarkingRuleId {
  switch (term.family) {
    case 'sv':
      // Plain HEMLIG citing OSL is the traditional secrecy stamp; the 2019 class names are security classes.
      return term.plainHemlig && citesOsl ? MARKING_RULES.secrecyOsl : MARKING_RULES.securityClass;
    case 'osl':
      return MARKING_RULES.secrecyOsl;
    case 'eu':
      return MARKING_RULES.eu;
    case 'nato':
      return MARKING_RULES.nato;
    case 'us':
      return MARKING_RULES.us;
  }
}
