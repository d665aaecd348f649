import { useState, type MouseEvent, type ReactNode } from "react";
import { Form, type FormProps } from "@remix-run/react";
import { charCount } from "~/domain/nominations/field-schemas";
import type { FormState } from "~/utils/form-state";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "./csrf-field";

export type { FormState };

/** A real form (works without JavaScript) that always carries the CSRF token. */
export function AppForm({ children, method = "post", ...rest }: FormProps & { children: ReactNode }) {
  return (
    <Form method={method} {...rest}>
      {method.toLowerCase() !== "get" && <CsrfField />}
      {children}
    </Form>
  );
}

/** The element a page lands on after a submit: the root's navigation focus picks it before the h1. */
export const ARRIVAL = { "data-arrival": "" } as const;

/**
 * The GOV.UK error summary: focused on arrival (autofocus without JavaScript, the root's navigation
 * focus with it), one line per field naming it by `labels` and linking to its control (#f-name);
 * a form-level error (`_form`) has no field to name. Errors are keyed by field, so a field appears once.
 */
export function ErrorSummary({
  state,
  labels = {},
}: {
  state?: FormState;
  labels?: Partial<Record<string, string>>;
}) {
  const t = useT();
  const errors = state?.errors ? Object.entries(state.errors) : [];
  if (errors.length === 0) return null;
  return (
    <div
      className="alert alert-error error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      autoFocus
      {...ARRIVAL}
    >
      <p id="error-summary-title">{t("form.errorSummary")}</p>
      <ul>
        {errors.map(([field, e]) => {
          const message = t(e.key, e.params);
          const label = labels[field];
          return (
            <li key={field}>
              {field === "_form" ? (
                message
              ) : (
                <a href={`#f-${field}`} onClick={(ev) => focusField(ev, field)}>
                  {label ? t("form.errorLine", { field: label, message }) : message}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** With JavaScript, a summary link focuses its control and shows its label above it (as GOV.UK does). */
function focusField(ev: MouseEvent<HTMLAnchorElement>, field: string) {
  const control = document.getElementById(`f-${field}`);
  if (!control) return;
  ev.preventDefault();
  const label = document.querySelector(`label[for="f-${field}"]`) ?? control;
  label.scrollIntoView({ block: "start" });
  control.focus({ preventScroll: true });
}

/** A confirmation where the user lands (WCAG 4.1.3): a status message that takes focus on arrival. */
export function StatusMessage({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="alert alert-ok" role="status" tabIndex={-1} autoFocus {...ARRIVAL}>
      {children}
    </p>
  );
}

/** aria-invalid and aria-describedby for a control outside the field components (score fields). */
export function invalidProps(name: string, state?: FormState, describedBy?: string) {
  const invalid = !!state?.errors?.[name];
  const ids = [describedBy, invalid ? `f-${name}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": invalid || undefined, "aria-describedby": ids || undefined };
}

/** A field's own error text, the target of its control's aria-describedby. */
export function FieldErrorText({
  name,
  id = `f-${name}`,
  state,
}: {
  name: string;
  /** The control's id, when it is not `f-<name>`. */
  id?: string;
  state?: FormState;
}) {
  const t = useT();
  const error = state?.errors?.[name];
  if (!error) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {t(error.key, error.params)}
    </p>
  );
}

/** A visible "required" next to a label; the control says it with aria-required. */
export function RequiredMarker() {
  const t = useT();
  return (
    <span className="required-marker" aria-hidden="true">
      {" "}
      {t("form.requiredMarker")}
    </span>
  );
}

interface FieldProps {
  name: string;
  /** The control's id when one page repeats the field (one form per row): `f-<name>` otherwise. */
  id?: string;
  label: string;
  state?: FormState;
  defaultValue?: string | null;
  hint?: string;
  required?: boolean;
}

/** Label, control, hint, then `after` (e.g. a character count) and the field's error. */
function FieldShell({
  name,
  id = `f-${name}`,
  label,
  state,
  hint,
  required,
  after,
  children,
}: FieldProps & { after?: ReactNode; children: ReactNode }) {
  const error = state?.errors?.[name];
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        {required && <RequiredMarker />}
      </label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {after}
      <FieldErrorText name={name} id={id} state={state} />
    </div>
  );
}

function describedBy(name: string, state?: FormState, hint?: string, extra?: string, id = `f-${name}`) {
  const ids = [hint ? `${id}-hint` : "", extra ?? "", state?.errors?.[name] ? `${id}-error` : ""].filter(
    Boolean,
  );
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField(
  props: FieldProps & { type?: string; required?: boolean; autoComplete?: string; maxLength?: number },
) {
  const { name, id, state, defaultValue, type = "text", required, autoComplete, maxLength, hint } = props;
  return (
    <FieldShell {...props}>
      <input
        id={id ?? `f-${name}`}
        name={name}
        type={type}
        required={required}
        aria-required={required || undefined}
        autoComplete={autoComplete}
        maxLength={maxLength}
        defaultValue={type === "password" ? undefined : (state?.values?.[name] ?? defaultValue ?? "")}
        aria-invalid={state?.errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, state, hint, undefined, id)}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  /** Consecutive options with the same group are shown under one <optgroup> of that label. */
  group?: string;
}

/** Consecutive options of one group together: [group label or none, options]. */
function runsOf(options: readonly SelectOption[]): [string | undefined, SelectOption[]][] {
  const runs: [string | undefined, SelectOption[]][] = [];
  for (const o of options) {
    const last = runs.at(-1);
    if (last && last[0] === o.group) last[1].push(o);
    else runs.push([o.group, [o]]);
  }
  return runs;
}

export function SelectField(props: FieldProps & { options: SelectOption[]; required?: boolean }) {
  const { name, id, state, defaultValue, options, required, hint } = props;
  const option = (o: SelectOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <FieldShell {...props}>
      <select
        id={id ?? `f-${name}`}
        name={name}
        required={required}
        aria-required={required || undefined}
        defaultValue={state?.values?.[name] ?? defaultValue ?? ""}
        aria-invalid={state?.errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, state, hint, undefined, id)}
      >
        {runsOf(options).map(([group, items], i) =>
          group === undefined ? (
            items.map(option)
          ) : (
            <optgroup key={`${i}-${group}`} label={group}>
              {items.map(option)}
            </optgroup>
          ),
        )}
      </select>
    </FieldShell>
  );
}

/**
 * A text area with its limit and count. Rendered on the server with the count of the initial
 * text, so without JavaScript it still states the limit; with it the count follows the typing.
 * The count is in characters as people count them (code points), the way the server checks.
 */
export function CountedTextArea(
  props: FieldProps & { max: number; rows: number; required?: boolean; defaultValue: string },
) {
  const { name, id = `f-${name}`, state, defaultValue, max, rows, required, hint } = props;
  const t = useT();
  const initial = state?.values?.[name] ?? defaultValue;
  const [count, setCount] = useState(() => charCount(initial));
  const over = count > max;
  const counter = (
    <p className={over ? "field-error" : "hint"} id={`${id}-count`} aria-live="polite">
      {t("nominations.counter", { count, max })}
    </p>
  );
  return (
    <FieldShell {...props} after={counter}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        aria-required={required || undefined}
        defaultValue={initial}
        onInput={(e) => setCount(charCount(e.currentTarget.value))}
        aria-invalid={state?.errors?.[name] || over ? true : undefined}
        aria-describedby={describedBy(name, state, hint, `${id}-count`, id)}
      />
    </FieldShell>
  );
}
