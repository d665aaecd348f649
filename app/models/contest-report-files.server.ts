import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { MAX_FILES_PER_NOMINATION } from "~/domain/nominations/file-type";
import { FILES_FIELD, type CheckedFile } from "./nomination-files.server";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";

/**
 * A report's evidence files (佐证材料), under the nomination attachments' rules (the same types,
 * sizes and count; vetted by `vetUploads`), stored in the database like them.
 */
export function listReportFiles(db: Kysely<Database>, reportId: number) {
  return db
    .selectFrom("contest_report_files")
    .select(["id", "filename", "content_type", "size", "created_at"])
    .where("report_id", "=", reportId)
    .orderBy("id")
    .execute();
}

/** One file with its bytes, only when it belongs to the report named in the URL. */
export function getReportFile(db: Kysely<Database>, reportId: number, fileId: number) {
  return db
    .selectFrom("contest_report_files")
    .select(["id", "filename", "content_type", "size", "data"])
    .where("id", "=", fileId)
    .where("report_id", "=", reportId)
    .executeTakeFirst();
}

export async function addReportFiles(
  trx: Transaction<Database>,
  actor: Actor,
  report: { id: number; org_path: string },
  files: readonly CheckedFile[],
): Promise<void> {
  if (files.length === 0) return;
  const existing = await trx
    .selectFrom("contest_report_files")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("report_id", "=", report.id)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) + files.length > MAX_FILES_PER_NOMINATION)
    throw new DomainError("contestReports.file.tooMany", { max: MAX_FILES_PER_NOMINATION }, FILES_FIELD);
  for (const f of files) {
    const sha256 = crypto.createHash("sha256").update(f.bytes).digest("hex");
    await trx
      .insertInto("contest_report_files")
      .values({
        report_id: report.id,
        filename: f.filename,
        content_type: f.contentType,
        size: f.bytes.length,
        sha256,
        data: f.bytes,
        uploaded_by: actor.userId,
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(trx, actor, {
      action: "contest.report.file.add",
      entity: "contest_report",
      entityId: report.id,
      orgPath: report.org_path,
      after: { filename: f.filename, size: f.bytes.length, sha256 },
    });
  }
}

export async function deleteReportFile(
  trx: Transaction<Database>,
  actor: Actor,
  report: { id: number; org_path: string },
  fileId: number,
): Promise<void> {
  const file = await trx
    .selectFrom("contest_report_files")
    .select(["filename", "sha256"])
    .where("id", "=", fileId)
    .where("report_id", "=", report.id)
    .executeTakeFirst();
  if (!file) throw new DomainError("nomination.file.notFound", undefined, FILES_FIELD);
  await trx.deleteFrom("contest_report_files").where("id", "=", fileId).execute();
  await recordAudit(trx, actor, {
    action: "contest.report.file.delete",
    entity: "contest_report",
    entityId: report.id,
    orgPath: report.org_path,
    before: { filename: file.filename, sha256: file.sha256 },
  });
}
