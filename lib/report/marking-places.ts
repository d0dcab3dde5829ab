/**
 * Where a marking was found, said in words: the dialog and the CLI report tell
 * the employee why the text counts as marked ("in the subject line").
 */
import type { MarkingPlace } from '../types';

export const MARKING_PLACE_TEXT: Record<MarkingPlace, { sv: string; en: string }> = {
  header: { sv: 'som stämpel i sidhuvud, sidfot eller på egen rad', en: 'as a stamp in a header, a footer or on a line of its own' },
  'letter-spaced': { sv: 'som stämpel med glesa bokstäver (kopierad från pdf)', en: 'as a letter-spaced stamp (copied from a PDF)' },
  field: { sv: 'i ett klassificeringsfält', en: 'in a classification field' },
  'table-cell': { sv: 'i en tabellcell under en klassificeringskolumn', en: 'in a table cell under a classification column' },
  subject: { sv: 'i ämnesraden', en: 'in the subject line' },
  title: { sv: 'i en rubrik', en: 'in a title' },
  stamp: { sv: 'som sekretessmarkering med hänvisning till OSL', en: 'as a secrecy stamp citing OSL' },
  statement: { sv: 'i en mening som säger att materialet är märkt', en: 'in a sentence saying that the material is marked' },
  'file-name': { sv: 'i ett filnamn', en: 'in a file name' },
  'in-text': { sv: 'i löptexten', en: 'in the running text' },
};

/** "Markerad i ämnesraden" / "Marked in the subject line". */
export function markingPlaceSentence(where: MarkingPlace, language: 'sv' | 'en'): string {
  const place = MARKING_PLACE_TEXT[where][language];
  return language === 'sv' ? `Hittad ${place}.` : `Found ${place}.`;
}
