import { data, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { isMessageKey } from "~/i18n";
import { CSRF_FIELD, verifyCsrf } from "./csrf.server";
import { errorResponse } from "./http.server";
import { countFields, tooManyFields } from "./form-body.server";

import type { FieldError, FieldErrors } from "./form-state";

export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
}

/**
 * Reads a posted form after the CSRF check. Unreadable bodies are the sender's fault: 400; one
 * with more fields than any form of ours, 413, found while it streams (see form-body.server.ts).
 */
export async function readForm(request: Request, context: AppLoadContext): Promise<FormData> {
  const counted = countFields(request);
  let form: FormData;
  try {
    form = await counted.request.formData();
  } catch {
    throw counted.exceeded() ? tooManyFields() : errorResponse(400, "error.400.generic");
  }
  verifyCsrf(request, form.get(CSRF_FIELD), context.secrets.sessionSecret);
  refuseNul(form);
  return form;
}

/**
 * No text field may hold a NUL character: no form needs one, and PostgreSQL refuses it in text
 * (the query would fail with a 500). Refused whole, before anything reads the values.
 */
export function refuseNul(form: FormData): void {
  for (const value of form.values())
    if (typeof value === "string" && value.includes("\u0000")) throw errorResponse(400, "error.400.generic");
}

function issueToError(issue: z.ZodIssue): FieldError {
  // A refinement may say more than its key: "at least {min}, now {count}".
  if (isMessageKey(issue.message))
    return issue.code === "custom" && issue.params
      ? { key: issue.message, params: issue.params }
      : { key: issue.message };
  switch (issue.code) {
    case "invalid_type":
      return {
        key: issue.received === "undefined" || issue.received === "null" ? "form.required" : "form.invalid",
      };
    case "too_small":
      return issue.minimum === 1
        ? { key: "form.required" }
        : { key: "form.tooShort", params: { min: Number(issue.minimum) } };
    case "too_big":
      return { key: "form.tooLong", params: { max: Number(issue.maximum) } };
    case "invalid_enum_value":
    case "invalid_union_discriminator":
      return { key: "form.invalidChoice" };
    default:
      return { key: "form.invalid" };
  }
}

/** The text fields of a form, to show again: never the CSRF token, never a password. */
export function textValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries())
    if (typeof v === "string" && k !== CSRF_FIELD && !/password/i.test(k)) values[k] = v;
  return values;
}

/** Validates a form with its schema: the data, or the errors keyed by field (first error each). */
export function parseForm<S extends z.ZodTypeAny>(
  form: FormData,
  schema: S,
): { ok: true; data: z.infer<S> } | FormFailure {
  // One pass: getAll per distinct name would cost the square of the field count.
  const raw = new Map<string, FormDataEntryValue | FormDataEntryValue[]>();
  for (const [key, value] of form.entries()) {
    const seen = raw.get(key);
    if (seen === undefined) raw.set(key, value);
    else if (Array.isArray(seen)) seen.push(value);
    else raw.set(key, [seen, value]);
  }
  const result = schema.safeParse(Object.fromEntries(raw));
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // A repeated field (checkboxes) reports under its name, not name.index.
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issueToError(issue);
  }
  return { ok: false, errors, values: textValues(form) };
}

/** The 400 answer for a form that failed validation or a rule. */
export function formError(failure: Omit<FormFailure, "ok">, status = 400) {
  return data({ ok: false as const, errors: failure.errors, values: failure.values }, { status });
}
