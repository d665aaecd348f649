import type { z } from "zod";
import { isMessageKey, type MessageKey, type Params } from "~/i18n";

/** One refusal of a contest scheme: where (`indicators.2.weight`), and what, as a message key. */
export interface SchemeProblem {
  path: string;
  key: MessageKey;
  params: Params;
}

/**
 * The refusals of `ContestSchemeSchema` as translatable messages, in the order zod found them.
 * Issues zod words itself (a number where text belongs …) fall back to a generic key.
 */
export function schemeProblems(error: z.ZodError): SchemeProblem[] {
  return error.issues.map((issue) => {
    const params = "params" in issue && issue.params ? (issue.params as Params) : {};
    const key: MessageKey = isMessageKey(issue.message)
      ? issue.message
      : issue.code === "invalid_type" && (issue.received === "undefined" || issue.received === "null")
        ? "form.required"
        : "form.invalid";
    return { path: issue.path.join("."), key, params };
  });
}
