/**
 * Mainland phone numbers as nominees give them: a mobile (1[3-9] + 9 digits, with or without
 * +86) or a landline with its area code (010, 02x, else 0 + 3 digits), optionally an extension.
 */
const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
const LANDLINE = /^(?:\+?86)?(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})(?:(?:转|ext\.?|x|#)(\d{1,6}))?$/i;

/**
 * The number in one canonical form ("13812345678", "029-87654321", "029-87654321-123") or null.
 * Spaces, hyphens and brackets between digit groups are the writer's taste, so they are dropped
 * before matching; an extension keeps its own marker (转, ext, x, #) since the digits would blur.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw
    .normalize("NFKC")
    .trim()
    .replace(/[\s()-]+/g, "");
  const mobile = MOBILE.exec(compact);
  if (mobile) return mobile[1];
  const land = LANDLINE.exec(compact);
  if (!land) return null;
  const [, area, local, ext] = land;
  return ext ? `${area}-${local}-${ext}` : `${area}-${local}`;
}
