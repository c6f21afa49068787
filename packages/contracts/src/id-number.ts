/**
 * GB 11643-1999 citizen identity numbers: 6-digit region code, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'length' | 'characters' | 'region' | 'birth_date' | 'check_character';

export interface ParsedIdNumber {
  idNumber: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
  regionCode: string;
}

const PROBLEM_TEXT: Record<IdNumberProblem, string> = {
  length: 'must be 18 characters',
  characters: 'must be 17 digits followed by a digit or X',
  region: 'region code is not valid',
  birth_date: 'birth date is not a real date',
  check_character: 'check character does not match (ISO 7064 MOD 11-2)',
};

export function describeIdNumberProblem(p: IdNumberProblem): string {
  return PROBLEM_TEXT[p];
}

/** Parses and validates; `today` bounds the birth date (nobody is born in the future). */
export function parseIdNumber(raw: string, today = new Date()): ParsedIdNumber | { problem: IdNumberProblem } {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return { problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { problem: 'characters' };
  // GB/T 2260 province codes (11 Beijing … 65 Xinjiang, 71 Taiwan, 81–82 Hong Kong and Macao) are
  // not a range: 19, 30 or 77 belong to no province. A county code also names its city (01–70, or
  // 90 for counties directly under the province); city 00 is the province itself, never a person's.
  if (!PROVINCES.has(id.slice(0, 2)) || id.slice(2, 4) === '00') return { problem: 'region' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > today.getTime()) {
    return { problem: 'birth_date' };
  }
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { problem: 'check_character' };
  return {
    idNumber: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

/** Builds a valid number (seed data and tests). */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** Age in whole years on `on` (Asia/Shanghai calendar dates are what matter; both are plain dates). */
export function ageOn(birthDate: string, on: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const shanghai = new Date(on.getTime() + 8 * 3600_000);
  let age = shanghai.getUTCFullYear() - y;
  if (shanghai.getUTCMonth() + 1 < m || (shanghai.getUTCMonth() + 1 === m && shanghai.getUTCDate() < d)) age--;
  return age;
}
