import { formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import type { listNominationFiles } from "~/models/nomination-files.server";
import { AppForm } from "./form-fields";

export type NominationFileData = Awaited<ReturnType<typeof listNominationFiles>>[number];

/**
 * The attachments with their download links (plain links: the download route answers with the
 * file, not a page). With `deleteAction`, each has a remove button posting there.
 */
export function NominationFileList({
  nominationId,
  files,
  deleteAction,
}: {
  nominationId: number;
  files: NominationFileData[];
  deleteAction?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? t("nominations.files.mb", { size: formatNumber(locale, Math.round((bytes / 1024 / 1024) * 10) / 10) })
      : t("nominations.files.kb", { size: formatNumber(locale, Math.max(1, Math.round(bytes / 1024))) });
  if (files.length === 0) return <p className="muted">{t("nominations.files.none")}</p>;
  return (
    <ul>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/nominations/${nominationId}/files/${f.id}`} download={f.filename}>
            {f.filename}
          </a>{" "}
          <span className="muted">
            {size(f.size)} · {formatDateTime(locale, f.created_at)}
          </span>{" "}
          {deleteAction && (
            <AppForm action={deleteAction} style={{ display: "inline" }}>
              <input type="hidden" name="intent" value="deleteFile" />
              <input type="hidden" name="fileId" value={f.id} />
              <button
                type="submit"
                className="link-button"
                aria-label={t("nominations.files.removeNamed", { name: f.filename })}
              >
                {t("nominations.files.remove")}
              </button>
            </AppForm>
          )}
        </li>
      ))}
    </ul>
  );
}
