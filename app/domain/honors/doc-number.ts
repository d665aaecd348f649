/**
 * The 文号 of a commendation decision: issuer's abbreviation, the year in 六角括号 〔〕 (U+3014,
 * U+3015), the serial number and 号, as in 陕工发〔2026〕88号 (GB/T 9704). Decision 020 says what
 * is accepted and why the look-alike brackets are refused rather than silently replaced.
 */

export type DocNumberCheck =
  | { ok: true; value: string }
  | {
      ok: false;
      key:
        | "publication.docNumber"
        | "publication.docNumberFormat"
        | "publication.docNumberBrackets"
        | "publication.docNumberYear";
      params?: Record<string, string | number>;
    };

const FULL_WIDTH_DIGIT = /[０-９]/g;
const SHAPE = /^(\p{Script=Han}{2,20})〔(\d{4})〕([1-9]\d{0,4})号$/u;
/** Brackets people type instead of 〔〕: [], 【】, （）, (), 〖〗, ［］. */
const LOOK_ALIKE = /^(\p{Script=Han}{2,20})[[【（(〖［](\d{4})[\]】）)〗］]([1-9]\d{0,4})号$/u;
/** The first year of the People's Republic: no union decision is older. */
const EARLIEST_YEAR = 1949;

/** Spaces dropped and full-width digits read as digits: both come from the IME, not the author. */
function normalized(raw: string): string {
  return raw
    .replace(/\s+/g, "")
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Checks a 文号 for a decision issued in `publishedYear`: its year must lie between 1949 and
 * that year (a decision is numbered in the year it is issued, or — dated in early January — the
 * year before). Look-alike brackets are refused with the corrected number as the suggestion.
 */
export function checkDocNumber(raw: string, publishedYear: number): DocNumberCheck {
  const text = normalized(raw);
  if (!text) return { ok: false, key: "publication.docNumber" };
  const alike = LOOK_ALIKE.exec(text);
  if (alike)
    return {
      ok: false,
      key: "publication.docNumberBrackets",
      params: { suggestion: `${alike[1]}〔${alike[2]}〕${alike[3]}号` },
    };
  const m = SHAPE.exec(text);
  if (!m) return { ok: false, key: "publication.docNumberFormat" };
  const year = Number(m[2]);
  if (year < EARLIEST_YEAR || year > publishedYear)
    return { ok: false, key: "publication.docNumberYear", params: { year, published: publishedYear } };
  return { ok: true, value: text };
}
