import type { ReactNode } from "react";
import { Form, type FormProps } from "@remix-run/react";
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

export function ErrorSummary({ state }: { state?: FormState }) {
  const t = useT();
  const errors = state?.errors ? Object.entries(state.errors) : [];
  if (errors.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1}>
      <p>{t("form.errorSummary")}</p>
      <ul>
        {errors.map(([field, e]) => (
          <li key={field}>{t(e.key, e.params)}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  state?: FormState;
  defaultValue?: string | null;
  hint?: string;
}

function FieldShell({ name, label, state, hint, children }: FieldProps & { children: ReactNode }) {
  const t = useT();
  const error = state?.errors?.[name];
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={`f-${name}`}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`f-${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`f-${name}-error`}>
          {t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

function describedBy(name: string, state?: FormState, hint?: string) {
  const ids = [hint ? `f-${name}-hint` : "", state?.errors?.[name] ? `f-${name}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField(props: FieldProps & { type?: string; required?: boolean; autoComplete?: string; maxLength?: number }) {
  const { name, state, defaultValue, type = "text", required, autoComplete, maxLength, hint } = props;
  return (
    <FieldShell {...props}>
      <input
        id={`f-${name}`}
        name={name}
        type={type}
        required={required}
        autoComplete={autoComplete}
        maxLength={maxLength}
        defaultValue={type === "password" ? undefined : (state?.values?.[name] ?? defaultValue ?? "")}
        aria-invalid={state?.errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, state, hint)}
      />
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[]; required?: boolean }) {
  const { name, state, defaultValue, options, required, hint } = props;
  return (
    <FieldShell {...props}>
      <select
        id={`f-${name}`}
        name={name}
        required={required}
        defaultValue={state?.values?.[name] ?? defaultValue ?? ""}
        aria-invalid={state?.errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, state, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
