/**
 * Validation of Swedish personnummer and samordningsnummer (folkbokföringslagen
 * 18 § and 18 a §; facts in docs/RULES.md):
 *   - födelsetid YYMMDD (+60 on the day for samordningsnummer), födelsenummer
 *     001–999, Luhn check digit over the 10-digit form;
 *   - 12-digit forms carry the century (18, 19 or 20);
 *   - 10-digit forms: '-' (or none) means under 100 years old, '+' 100 or older;
 *   - the date must exist in the inferred century (leap years included) and
 *     must not lie after the reference date.
 */
import { luhnCheckDigit } from './luhn';

export type IdentityKind = 'personnummer' | 'samordningsnummer';

export interface IdentityNumber {
  kind: IdentityKind;
  /** Full birth year, month 1–12, real day of month (samordningsnummer: day − 60). */
  year: number;
  month: number;
  day: number;
  /** Födelsenummer 1–999. */
  serial: number;
  /** The canonical 10 digits YYMMDDNNNC (samordningsnummer keep day + 60). */
  tenDigits: string;
}

export interface IdentityParts {
  /** Two century digits for 12-digit forms, '' for 10-digit forms. */
  century: string;
  /** YYMMDD */
  date: string;
  /** '', '-', '+' or ' ' (spaces around a dash or plus already removed). */
  separator: string;
  /** NNNC */
  serialAndCheck: string;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const isValidDate = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

const dateValue = (year: number, month: number, day: number): number => year * 10000 + month * 100 + day;

/** Returns the identity number, or null when the parts are not a valid one. */
export function parseIdentityNumber(parts: IdentityParts, referenceDate: Date): IdentityNumber | null {
  const { century, date, separator, serialAndCheck } = parts;
  if (!/^\d{6}$/.test(date) || !/^\d{4}$/.test(serialAndCheck)) return null;
  const yy = Number(date.slice(0, 2));
  const month = Number(date.slice(2, 4));
  const rawDay = Number(date.slice(4, 6));
  const serial = Number(serialAndCheck.slice(0, 3));
  if (serial === 0) return null;

  const kind: IdentityKind = rawDay > 60 ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - 60 : rawDay;

  const refYear = referenceDate.getUTCFullYear();
  const today = dateValue(refYear, referenceDate.getUTCMonth() + 1, referenceDate.getUTCDate());

  let year: number;
  if (century) {
    if (century !== '18' && century !== '19' && century !== '20') return null;
    year = Number(century) * 100 + yy;
  } else {
    year = refYear - ((refYear - yy) % 100 + 100) % 100;
    if (dateValue(year, month, day) > today) year -= 100;
    if (separator === '+') year -= 100;
  }
  if (!isValidDate(year, month, day)) return null;
  if (dateValue(year, month, day) > today) return null;

  const payload = date + serialAndCheck.slice(0, 3);
  if (luhnCheckDigit(payload) !== Number(serialAndCheck[3])) return null;
  return { kind, year, month, day, serial, tenDigits: date + serialAndCheck };
}
