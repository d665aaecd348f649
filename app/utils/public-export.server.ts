import crypto from "node:crypto";

/**
 * Public exports of a roll (CSV, XLSX, JSON open data) may sit in browsers and shared caches for
 * a minute at most: a revocation reaches every reader within 60 s. After that a reader revalidates
 * by the content's ETag, which every server computes alike, and an unchanged roll costs a 304.
 */
export const PUBLIC_EXPORT_CACHE_CONTROL = "public, max-age=60, must-revalidate";

/** A hash of what an export says, from the parts it is made of. */
export function contentTag(...parts: string[]): string {
  const h = crypto.createHash("sha256");
  for (const part of parts) h.update(part).update("\0");
  return h.digest("base64url").slice(0, 27);
}

/** The export under its tag: a 304 when the reader holds it already, else the body `make` builds. */
export async function publicExport(
  request: Request,
  tag: string,
  headers: Record<string, string>,
  make: () => BodyInit | Promise<BodyInit>,
): Promise<Response> {
  // Weak: an XLSX's bytes carry the time it was written, its tag only what it says.
  const etag = `W/"${tag}"`;
  const caching = { "Cache-Control": PUBLIC_EXPORT_CACHE_CONTROL, ETag: etag };
  const held = request.headers.get("if-none-match")?.split(/\s*,\s*/) ?? [];
  if (held.includes(etag)) return new Response(null, { status: 304, headers: caching });
  return new Response(await make(), { headers: { ...headers, ...caching } });
}
