import type { ReactNode } from "react";
import type { Enumeration } from "~/domain/nominations/fields";
import type { MessageKey } from "~/i18n";
import { useDataLang, useT } from "~/i18n/use-t";

/** How a dossier shows a value: an enumeration by its label, text as is, and "—" for nothing. */
export function useFactText() {
  const t = useT();
  return {
    label: <T extends string>(e: Enumeration<T, MessageKey>, v: string | null) =>
      v && (e.values as readonly string[]).includes(v) ? t(e.labelKey(v as T)) : "—",
    text: (v: string | number | null) => (v === null || v === "" ? "—" : String(v)),
  };
}

/** A dossier's facts as a definition list of [label, value] rows. */
export function FactList({ rows }: { rows: [string, ReactNode][] }) {
  const lang = useDataLang();
  return (
    <dl className="facts card">
      {rows.map(([dt, dd]) => (
        <div key={dt} className="fact">
          <dt>{dt}</dt>
          <dd lang={typeof dd === "string" ? lang(dd) : undefined}>{dd}</dd>
        </div>
      ))}
    </dl>
  );
}
