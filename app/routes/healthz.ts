/**
 * GET /healthz: a load balancer's health check, and the "bare Remix route" baseline of
 * `npm run bench`. It touches no database on purpose: the benchmarks compare real pages with it.
 */
export async function loader() {
  return new Response("ok", {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": "2",
      "Cache-Control": "no-store",
    },
  });
}
