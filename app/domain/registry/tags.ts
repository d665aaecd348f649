/**
 * Skills and needs are free-text tags separated by `;` or the full-width `；` (docs/domain.md#sheets).
 * Tags are trimmed and compared exactly; matching across languages is not attempted.
 */
export function parseTags(text: string | null | undefined): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  for (const raw of text.split(/[;；]/)) {
    const tag = raw.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/** Tags present in both lists, in the order of `needs` (used to explain a suggestion). */
export function sharedTags(skills: readonly string[], needs: readonly string[]): string[] {
  const have = new Set(skills.map((s) => s.trim()));
  return needs.map((n) => n.trim()).filter((n, i, all) => n && have.has(n) && all.indexOf(n) === i);
}
