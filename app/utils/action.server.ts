import { data, type AppLoadContext } from "@remix-run/node";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import type { MessageKey } from "~/i18n";
import { refusalOf } from "./authorize.server";
import { textValues, type FormFailure } from "./form.server";
import type { FieldErrors } from "./form-state";

/** A rule's refusal laid out for the form: next to its field (or `_form`), with the form's text values. */
export interface Refusal {
  messageKey: MessageKey;
  errors: FieldErrors;
  values: Record<string, string>;
}

interface Answer {
  /** The status of a refusal by its message key: 400 unless a page says otherwise (409 stale, 429 busy). */
  statusOf?: (messageKey: MessageKey) => number;
}

type Failed<B> = ReturnType<typeof data<B>>;

/**
 * Runs an action's work in one transaction and answers a rule's refusal in one place: the work's
 * own answer once committed; a `DomainError` rolls everything back and becomes the form error
 * (`{ ok: false, errors, values }`, or the page's own `body`); a model's scope check (404, 403) the
 * same refusal page as the policy's. Anything else (a thrown Response, a fault) propagates.
 * Inside `work`, use only `trx`: with SQLite's one connection, the shared `db` would wait forever.
 */
export function runAction<T, B>(
  context: AppLoadContext,
  form: FormData,
  work: (trx: Transaction<Database>) => Promise<T>,
  answer: Answer & { body: (refusal: Refusal) => B },
): Promise<T | Failed<B>>;
export function runAction<T>(
  context: AppLoadContext,
  form: FormData,
  work: (trx: Transaction<Database>) => Promise<T>,
  answer?: Answer,
): Promise<T | Failed<Omit<FormFailure, "ok"> & { ok: false }>>;
export async function runAction<T, B>(
  context: AppLoadContext,
  form: FormData,
  work: (trx: Transaction<Database>) => Promise<T>,
  answer: Answer & { body?: (refusal: Refusal) => B } = {},
) {
  try {
    return await context.db.transaction().execute(work);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const scope = refusalOf(error);
    if (scope) throw scope;
    const refusal: Refusal = {
      messageKey: error.messageKey,
      errors: { [error.field ?? "_form"]: { key: error.messageKey, params: error.params } },
      values: textValues(form),
    };
    const status = answer.statusOf?.(error.messageKey) ?? 400;
    return answer.body
      ? data(answer.body(refusal), { status })
      : data({ ok: false as const, errors: refusal.errors, values: refusal.values }, { status });
  }
}

/** `statusOf` from a table: the listed refusals answer their own status, every other one 400. */
export const statusFor =
  (statuses: Partial<Record<MessageKey, number>>) =>
  (messageKey: MessageKey): number =>
    statuses[messageKey] ?? 400;
