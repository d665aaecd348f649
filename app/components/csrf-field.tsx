import { useRouteLoaderData } from "@remix-run/react";

export function CsrfField() {
  const token = useRouteLoaderData<{ csrfToken: string }>("root")?.csrfToken ?? "";
  return <input type="hidden" name="_csrf" value={token} />;
}
