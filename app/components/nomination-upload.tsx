import { useState, type FormEvent } from "react";
import type { MessageKey, Params } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import type { FormState } from "~/utils/form-state";
import { RowIssuesTable } from "./row-issues-table";

export interface UploadIssue {
  row: number;
  column: string | null;
  messageKey: MessageKey;
  params?: Params;
}

export interface UploadReportData {
  fileName: string;
  categoryName: string;
  imported: number;
  refused: number;
  allOrNothing: boolean;
  headerRefused: boolean;
  issues: UploadIssue[];
  moreIssues: number;
}

/** What the action (or the JSON endpoint) answers: the report, or the form's errors. */
export type UploadResult = { ok: true; report: UploadReportData } | ({ ok: false } & FormState);

export interface SheetColumn {
  key: string;
  zh: string;
  en: string;
}

function summaryKey(r: UploadReportData): { key: MessageKey; tone: "ok" | "error" } {
  if (r.headerRefused) return { key: "import.upload.headerRefused", tone: "error" };
  if (r.refused === 0) return { key: "import.upload.doneAll", tone: "ok" };
  if (r.allOrNothing) return { key: "import.upload.rolledBack", tone: "error" };
  return { key: "import.upload.donePartly", tone: r.imported > 0 ? "ok" : "error" };
}

/** The outcome of an import: the counts, then row, column and problem in the reader's language. */
export function UploadReport({
  report,
  columns,
  listHref,
}: {
  report: UploadReportData;
  columns: SheetColumn[];
  listHref: string;
}) {
  const t = useT();
  const locale = useLocale();
  const label = (column: string | null) => {
    const c = column === null ? undefined : columns.find((col) => col.key === column);
    return c ? (locale === "en" ? c.en : c.zh) : (column ?? "—");
  };
  const summary = summaryKey(report);
  return (
    <section aria-labelledby="upload-result" className="card">
      <h2 id="upload-result">
        {report.fileName} · {report.categoryName}
      </h2>
      <p
        className={`alert alert-${summary.tone}`}
        role="status"
        data-imported={report.imported}
        data-refused={report.refused}
      >
        {t(summary.key, { imported: report.imported, refused: report.refused })}
      </p>
      {report.imported > 0 && !(report.allOrNothing && report.refused > 0) && (
        <p>
          <a href={listHref}>{t("import.upload.toList")}</a>
        </p>
      )}
      <RowIssuesTable issues={report.issues} more={report.moreIssues} columnLabel={label} />
    </section>
  );
}

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "processing" }
  | { kind: "failed" };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * With JavaScript, the form is sent by XMLHttpRequest to `endpoint` (which answers JSON) so that
 * the upload's progress can be shown, then a processing indicator until the report arrives.
 * Without it, the form posts to the page's action and the report comes back with the page. An
 * answer that is neither (e.g. the session expired: a redirect to the login page) falls back to
 * the plain post.
 */
export function useProgressUpload(endpoint: string, maxBytes: number, maxMegabytes: number) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [result, setResult] = useState<UploadResult | null>(null);
  const refuse = (field: string, key: MessageKey, params?: Params) =>
    setResult({ ok: false, errors: { [field]: { key, params } } });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    if (typeof XMLHttpRequest === "undefined" || typeof FormData === "undefined") return;
    event.preventDefault();
    const file = (form.elements.namedItem("sheet") as HTMLInputElement | null)?.files?.[0];
    if (file && file.size > maxBytes) return refuse("sheet", "import.upload.tooLarge", { max: maxMegabytes });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", endpoint);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) =>
      e.lengthComputable && setPhase({ kind: "uploading", percent: Math.floor((e.loaded * 100) / e.total) });
    xhr.upload.onload = () => setPhase({ kind: "processing" });
    xhr.onerror = () => setPhase({ kind: "failed" });
    xhr.onload = () => {
      setPhase({ kind: "idle" });
      const body = parseJson(xhr.responseText) as {
        ok?: unknown;
        messageKey?: MessageKey;
        params?: Params;
      } | null;
      if (body && typeof body.ok === "boolean") return setResult(body as UploadResult);
      if (xhr.status === 413) return refuse("sheet", "import.upload.tooLarge", { max: maxMegabytes });
      if (body?.messageKey) return refuse("_form", body.messageKey, body.params);
      form.submit();
    };
    setResult(null);
    setPhase({ kind: "uploading", percent: 0 });
    xhr.send(new FormData(form));
  }

  return { phase, result, onSubmit, busy: phase.kind === "uploading" || phase.kind === "processing" };
}

export function UploadProgress({ phase }: { phase: Phase }) {
  const t = useT();
  if (phase.kind === "idle") return null;
  if (phase.kind === "failed")
    return (
      <p className="alert alert-error" role="alert">
        {t("import.upload.networkError")}
      </p>
    );
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      {phase.kind === "uploading" ? (
        <>
          <progress max={100} value={phase.percent} />
          <span>{t("import.upload.uploading", { percent: phase.percent })}</span>
        </>
      ) : (
        <>
          <progress />
          <span>{t("import.upload.processing")}</span>
        </>
      )}
    </div>
  );
}
