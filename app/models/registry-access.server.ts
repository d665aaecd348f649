import type { AppLoadContext } from "@remix-run/node";
import type { RegistryScope } from "~/domain/registry/registry-scope";
import { requireRoleSomewhere, requireUser } from "~/utils/auth.server";
import { forbidden } from "~/utils/http.server";
import { loadRegistryScope } from "./registry-scope.server";

/** The registry is for admins: the signed-in admin and what of the registry they manage. */
export async function requireRegistryAdmin(request: Request, context: AppLoadContext) {
  const user = await requireUser(request, context);
  const scope: RegistryScope = await loadRegistryScope(context.db, requireRoleSomewhere(user, "admin"));
  return { user, scope };
}

/** Matching spans every county and helper: only an admin of the whole province may run it. */
export async function requireProvinceAdmin(request: Request, context: AppLoadContext) {
  const found = await requireRegistryAdmin(request, context);
  if (!found.scope.all) throw forbidden();
  return found;
}
