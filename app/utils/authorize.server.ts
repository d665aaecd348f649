import { decide, may, type PolicyAction, type PolicyObjects } from "~/domain/policy";
import type { SessionUser } from "~/models/user.server";
import { errorResponse } from "./http.server";

/**
 * The one place a refusal is thrown (issue #14): the policy decides, this answers 403 or 404 with
 * the policy's message. Routes call it once, after finding the object through a model function
 * that scopes the object's children to it.
 */
export function authorize<A extends PolicyAction>(user: SessionUser, action: A, object: PolicyObjects[A]): void {
  const verdict = decide(user.grants, action, object);
  if (!verdict.ok) throw errorResponse(verdict.status, verdict.messageKey);
}

/** The same question without throwing, for pages that show more to those allowed. */
export function allows<A extends PolicyAction>(user: SessionUser, action: A, object: PolicyObjects[A]): boolean {
  return may(user.grants, action, object);
}
