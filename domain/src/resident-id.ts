/**
 * Resident ID numbers, GB 11643: 6-digit region, 8-digit birth date, 3-digit sequence (odd male,
 * even female) and one check character by ISO 7064 MOD 11-2.
 */
import { ErrorCode, KioskError } from './kiosk-error.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** The check character for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new KioskError(ErrorCode.ID_NUMBER_MALFORMED, 'An ID number body is 17 digits.');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '?';
}

export interface ResidentIdFacts {
  readonly idNumber: string;
  readonly regionCode: string;
  readonly birthDate: string; // YYYY-MM-DD
  readonly sex: 'male' | 'female';
}

export interface ResidentIdOptions {
  /** Region code prefixes served (e.g. '4108' for Jiaozuo); empty or absent accepts any. */
  readonly regionPrefixes?: readonly string[];
  /** For the birth-date plausibility check; defaults to now. */
  readonly today?: Date;
}

/** Parses and checks an ID number; throws a coded KioskError saying which rule failed. */
export function parseResidentId(raw: string, options: ResidentIdOptions = {}): ResidentIdFacts {
  const idNumber = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    throw new KioskError(ErrorCode.ID_NUMBER_MALFORMED, 'An ID number has 17 digits and a check character.');
  }
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const today = options.today ?? new Date();
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    year < 1900 ||
    date.getTime() > today.getTime()
  ) {
    throw new KioskError(ErrorCode.ID_NUMBER_BAD_DATE, 'The birth date inside the ID number is impossible.');
  }
  if (residentIdCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) {
    throw new KioskError(ErrorCode.ID_NUMBER_CHECKSUM, 'The ID number check character is wrong.');
  }
  const regionCode = idNumber.slice(0, 6);
  const prefixes = options.regionPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.some((p) => regionCode.startsWith(p))) {
    throw new KioskError(
      ErrorCode.ID_NUMBER_UNKNOWN_REGION,
      'This ID number is from a region not served here.',
      {
        region: regionCode,
      },
    );
  }
  const sequence = Number(idNumber.slice(14, 17));
  return {
    idNumber,
    regionCode,
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    sex: sequence % 2 === 1 ? 'male' : 'female',
  };
}

/** True when the ID number passes every check; never throws. */
export function isValidResidentId(raw: string, options: ResidentIdOptions = {}): boolean {
  try {
    parseResidentId(raw, options);
    return true;
  } catch {
    return false;
  }
}

/** Builds a valid ID number from its parts (used by seeds and tests). */
export function makeResidentId(regionCode: string, birthDateYyyymmdd: string, sequence: number): string {
  const body = `${regionCode}${birthDateYyyymmdd}${String(sequence).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}
