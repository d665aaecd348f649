/** A paged list's URL for another page, keeping every filter that is set. */
export function pageLink(filter: Record<string, unknown>, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter))
    if (v !== undefined && v !== "" && k !== "page") params.set(k, String(v));
  params.set("page", String(page));
  return `?${params}`;
}
