/**
 * Search terms of an honoree (docs/domain.md#honor-rolls: search by name or workplace). SQLite's FTS5 trigram
 * tokenizer cannot find a two-character Chinese name, so the roll keeps an index of character
 * bigrams: a query of two or more characters is looked up by one of its bigrams and confirmed
 * with a substring test. A one-character query looks for names starting with it (a surname)
 * through the name index instead: single characters would triple the index for little use.
 */

/** Lower-cased NFKC text without spaces, as characters (code points, not UTF-16 units). */
export function searchChars(text: string): string[] {
  return [...text.normalize("NFKC").toLowerCase().replace(/\s+/g, "")];
}

/** Every distinct bigram of the texts (a one-character text is its own term). */
export function termsOf(...texts: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    const chars = searchChars(text ?? "");
    if (chars.length === 1) terms.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1]);
  }
  return [...terms];
}

/** The term to look a query up by: its first bigram; null for a query shorter than two characters. */
export function lookupTerm(query: string): string | null {
  const chars = searchChars(query);
  return chars.length < 2 ? null : chars[0] + chars[1];
}

/** The query as the substring each candidate must contain (in search form). */
export function normalizedQuery(query: string): string {
  return searchChars(query).join("");
}
