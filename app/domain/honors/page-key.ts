import { RollQuerySchema } from "./query";

/** The query parameters the roll pages read (and validate): any other one changes nothing on the page. */
const ROLL_PARAMS = Object.keys(RollQuerySchema.shape).sort();

/** Which parameters each cacheable public page (honor pages, home, notices) reads; a path not listed keeps its query as it came. */
const PAGE_PARAMS: [RegExp, readonly string[]][] = [
  [/^\/honors\/?$/, ROLL_PARAMS],
  [/^\/honors\/people\/[^/]+(\/certificate)?\/?$/, []],
  [/^\/honors\/[^/]+\/print\/?$/, []],
  [/^\/honors\/[^/]+\/?$/, ROLL_PARAMS],
  [/^\/$/, []],
  [/^\/notices\/?$/, []],
  // "filed": the confirmation after an objection, the same for everyone who filed one.
  [/^\/notices\/[^/]+\/?$/, ["filed"]],
  [/^\/contests\/?$/, []],
  [/^\/contests\/[^/]+\/?$/, ["period", "scope"]],
];

/**
 * The URL a public honor page is rendered and cached under: its path with only the parameters the
 * page reads, in a fixed order, each with the value the page's parser sees (the last one given).
 * `?x=1`, `?x=2` … are then one page, not 2,000, and the page never echoes a parameter it ignores.
 */
export function normalizedPageUrl(pathname: string, search: string): string {
  const params = PAGE_PARAMS.find(([pattern]) => pattern.test(pathname))?.[1];
  if (!params) return pathname + search;
  const given = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of params) {
    const values = given.getAll(name);
    if (values.length > 0) kept.set(name, values[values.length - 1]);
  }
  const query = kept.toString();
  return query ? `${pathname}?${query}` : pathname;
}
