import type { MessageKey, Params } from "~/i18n";

/** What an action returns about a form that it refused, and what the form shows again. */
export interface FieldError {
  key: MessageKey;
  params?: Params;
}
export type FieldErrors = Record<string, FieldError>;
export interface FormState {
  errors?: FieldErrors;
  values?: Record<string, string>;
}
