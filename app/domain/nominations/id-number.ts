import { chinaToday, dayNumber, type IsoDate } from "../notice/iso-date";

/**
 * Citizen identity numbers (公民身份号码, GB 11643-1999): a 6-digit region code, the birth date
 * YYYYMMDD, a 3-digit sequence whose last digit is odd for men, and an ISO 7064 MOD 11-2 check
 * character.
 */
export type IdNumberMessageKey =
  | "form.required"
  | "nomination.idNumber.length"
  | "nomination.idNumber.characters"
  | "nomination.idNumber.region"
  | "nomination.idNumber.birthDate"
  | "nomination.idNumber.checkDigit";

export type IdNumberResult = { ok: true; normalized: string } | { ok: false; messageKey: IdNumberMessageKey };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/**
 * Province-level codes in use (GB/T 2260), Taiwan (71), Hong Kong (81) and Macao (82)
 * included. Stricter than the range 11–82, which would also pass 19, 40 or 77.
 */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);

/** Nobody alive was born before this; an earlier date is a typing error. */
const EARLIEST_BIRTH: IsoDate = "1900-01-01";

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("need 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * As typed or pasted: full-width digits and Ｘ (common from Chinese input methods) become ASCII,
 * spaces anywhere are dropped, x is upper-cased.
 */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

function embeddedDate(id: string): IsoDate {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * Checks a national ID number; `today` (China's date by default) bounds the birth date. The
 * checks run from the plainest mistake to the subtlest, so the message names the first one.
 */
export function validateIdNumber(raw: string, today: IsoDate = chinaToday()): IdNumberResult {
  const id = normalizeIdNumber(raw);
  if (id === "") return { ok: false, messageKey: "form.required" };
  if (id.length !== 18) return { ok: false, messageKey: "nomination.idNumber.length" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, messageKey: "nomination.idNumber.characters" };
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2))))
    return { ok: false, messageKey: "nomination.idNumber.region" };
  const birth = embeddedDate(id);
  const birthDay = dayNumber(birth);
  if (birthDay === null || birth < EARLIEST_BIRTH || birth > today)
    return { ok: false, messageKey: "nomination.idNumber.birthDate" };
  if (idCheckChar(id.slice(0, 17)) !== id[17])
    return { ok: false, messageKey: "nomination.idNumber.checkDigit" };
  return { ok: true, normalized: id };
}

/** The birth date embedded in a well-formed ID number, else null. */
export function birthDateOfId(id: string): IsoDate | null {
  const n = normalizeIdNumber(id);
  if (!/^\d{17}[\dX]$/.test(n)) return null;
  const date = embeddedDate(n);
  return dayNumber(date) === null ? null : date;
}

/** The 17th digit is odd for men, even for women. */
export function genderOfId(id: string): "male" | "female" | null {
  const n = normalizeIdNumber(id);
  if (!/^\d{17}[\dX]$/.test(n)) return null;
  return Number(n[16]) % 2 === 1 ? "male" : "female";
}

/**
 * How the number is shown to anyone but its entitled readers: the province and city (first 4) and
 * the last 4, the birth date hidden. 18 characters stay 18 so the shape is recognisable.
 */
export function maskIdNumber(id: string): string {
  const n = normalizeIdNumber(id);
  if (n.length <= 8) return "*".repeat(n.length);
  return `${n.slice(0, 4)}${"*".repeat(n.length - 8)}${n.slice(-4)}`;
}
