import type { MessageKey, Params } from "~/i18n";

/**
 * A rule refused the request. Actions turn it into a form error (400) next to `field`, or into a
 * page-level message when no field is named. Carries a message key, never a sentence.
 */
export class DomainError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly params?: Params,
    readonly field?: string,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

/**
 * The id names no child of the parent it came under — another parent's child or nothing at all,
 * answered alike (404) so that ids of other competitions, teams or users do not leak (issue #14).
 */
export class NotFoundError extends DomainError {
  constructor() {
    super("error.404");
    this.name = "NotFoundError";
  }
}
