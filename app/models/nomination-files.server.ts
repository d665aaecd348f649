import crypto from "node:crypto";
import { unstable_parseMultipartFormData, type AppLoadContext, type UploadHandler } from "@remix-run/node";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import {
  checkUpload,
  MAX_FILE_BYTES,
  MAX_FILES_PER_NOMINATION,
  MAX_FILES_PER_UPLOAD,
  MAX_UPLOAD_TOTAL_MEGABYTES,
  type FileType,
} from "~/domain/nominations/file-type";
import type { FieldIssue } from "~/domain/nominations/nomination-schema";
import { isMessageKey, negotiateLocale, translate } from "~/i18n";
import { CSRF_FIELD, verifyCsrf } from "~/utils/csrf.server";
import type { FieldErrors } from "~/utils/form-state";
import { countFields, tooManyFields } from "~/utils/form-body.server";
import { readForm, refuseNul } from "~/utils/form.server";
import { errorResponse } from "~/utils/http.server";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";

/** The field of the form's file input. */
export const FILES_FIELD = "files";

const MAX_TEXT_PART_BYTES = 64 * 1024;
const MAX_PARTS = 80;
/**
 * Beyond the files' limit (file-type.ts) the request is refused before it is read
 * (Content-Length) or as soon as it is seen (chunked).
 */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_TOTAL_MEGABYTES * 1024 * 1024;

export interface Upload {
  name: string;
  /** The full size as received; `bytes` stops at the limit for an oversized file. */
  size: number;
  bytes: Buffer;
}

class RequestTooLarge extends Error {}

/**
 * Reads a nomination form: multipart with files, or plain (a form without its file input, or a
 * test). Every part is read as a stream with a limit, so a large or endless body never fills the
 * memory; an oversized file is drained and reported, keeping the other fields, so the form comes
 * back filled in. The CSRF check follows the parse, as for every form (the token is a field).
 */
export async function readNominationForm(
  request: Request,
  context: AppLoadContext,
): Promise<{ form: FormData; uploads: Upload[] }> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_REQUEST_BYTES)
    throw errorResponse(413, "nomination.file.requestTooLarge", { max: MAX_UPLOAD_TOTAL_MEGABYTES });
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return { form: await readForm(request, context), uploads: [] };
  }
  const uploads: Upload[] = [];
  let parts = 0;
  let total = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (++parts > MAX_PARTS) throw new RequestTooLarge();
    const keep =
      filename === undefined
        ? MAX_TEXT_PART_BYTES
        : name === FILES_FIELD && filename !== ""
          ? MAX_FILE_BYTES
          : 0;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      total += chunk.byteLength;
      if (total > MAX_UPLOAD_REQUEST_BYTES) throw new RequestTooLarge();
      if (size + chunk.byteLength <= keep) chunks.push(chunk);
      else if (size < keep) chunks.push(chunk.subarray(0, keep - size));
      size += chunk.byteLength;
    }
    if (filename === undefined) {
      if (size > MAX_TEXT_PART_BYTES) throw new RequestTooLarge();
      return Buffer.concat(chunks).toString("utf8");
    }
    // An empty file input sends a part with no name and no bytes; other file fields are not ours.
    if (keep > 0) uploads.push({ name: filename, size, bytes: Buffer.concat(chunks) });
    return undefined;
  };
  const counted = countFields(request);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(counted.request, handler);
  } catch (error) {
    if (counted.exceeded()) throw tooManyFields();
    if (error instanceof RequestTooLarge)
      throw errorResponse(413, "nomination.file.requestTooLarge", { max: MAX_UPLOAD_TOTAL_MEGABYTES });
    throw errorResponse(400, "error.400.generic");
  }
  verifyCsrf(request, form.get(CSRF_FIELD), context.secrets.sessionSecret);
  refuseNul(form);
  return { form, uploads };
}

export interface CheckedFile {
  filename: string;
  contentType: FileType;
  bytes: Buffer;
}

/** The uploads as files to store, or the first refusal with its status (413 for size, 400 otherwise). */
export function vetUploads(
  uploads: Upload[],
): { ok: true; files: CheckedFile[] } | { ok: false; status: number; error: FieldErrors[string] } {
  if (uploads.length > MAX_FILES_PER_UPLOAD)
    return {
      ok: false,
      status: 400,
      error: { key: "nomination.file.tooManyAtOnce", params: { max: MAX_FILES_PER_UPLOAD } },
    };
  const files: CheckedFile[] = [];
  for (const u of uploads) {
    const r = checkUpload(u);
    if (!r.ok)
      return {
        ok: false,
        status: r.messageKey === "nomination.file.tooLarge" ? 413 : 400,
        error: { key: r.messageKey, params: r.params },
      };
    files.push({ filename: r.filename, contentType: r.contentType, bytes: u.bytes });
  }
  return { ok: true, files };
}

/** The text fields a refused form shows again: never the token, never a file. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== CSRF_FIELD) values[k] = v;
  return values;
}

/** The nomination schema's issues as form errors, the first one per field. */
export function issuesToErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.field] ??= { key: issue.messageKey, params: issue.params };
  return errors;
}

export function listNominationFiles(db: Kysely<Database>, nominationId: number) {
  return db
    .selectFrom("nomination_files")
    .select(["id", "filename", "content_type", "size", "created_at"])
    .where("nomination_id", "=", nominationId)
    .orderBy("id")
    .execute();
}

/** One file with its bytes, only when it belongs to the nomination named in the URL. */
export function getNominationFile(db: Kysely<Database>, nominationId: number, fileId: number) {
  return db
    .selectFrom("nomination_files")
    .select(["id", "filename", "content_type", "size", "data"])
    .where("id", "=", fileId)
    .where("nomination_id", "=", nominationId)
    .executeTakeFirst();
}

/** Stores vetted files in the database (app servers keep no state). Run inside the caller's transaction. */
export async function addNominationFiles(
  trx: Transaction<Database>,
  actor: Actor,
  nomination: { id: number; org_path: string },
  files: CheckedFile[],
): Promise<void> {
  if (files.length === 0) return;
  const existing = await trx
    .selectFrom("nomination_files")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("nomination_id", "=", nomination.id)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) + files.length > MAX_FILES_PER_NOMINATION)
    throw new DomainError("nomination.file.tooMany", { max: MAX_FILES_PER_NOMINATION }, FILES_FIELD);
  for (const f of files) {
    const sha256 = crypto.createHash("sha256").update(f.bytes).digest("hex");
    const { id } = await trx
      .insertInto("nomination_files")
      .values({
        nomination_id: nomination.id,
        filename: f.filename,
        content_type: f.contentType,
        size: f.bytes.length,
        sha256,
        data: f.bytes,
        uploaded_by: actor.userId,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "nomination.file.add",
      entity: "nomination",
      entityId: nomination.id,
      orgPath: nomination.org_path,
      after: { fileId: id, filename: f.filename, contentType: f.contentType, size: f.bytes.length, sha256 },
    });
  }
}

export async function deleteNominationFile(
  trx: Transaction<Database>,
  actor: Actor,
  nomination: { id: number; org_path: string },
  fileId: number,
): Promise<void> {
  const file = await trx
    .selectFrom("nomination_files")
    .select(["id", "filename", "sha256"])
    .where("id", "=", fileId)
    .where("nomination_id", "=", nomination.id)
    .executeTakeFirst();
  if (!file) throw new DomainError("nomination.file.notFound", undefined, FILES_FIELD);
  await trx
    .deleteFrom("nomination_files")
    .where("id", "=", fileId)
    .where("nomination_id", "=", nomination.id)
    .execute();
  await recordAudit(trx, actor, {
    action: "nomination.file.delete",
    entity: "nomination",
    entityId: nomination.id,
    orgPath: nomination.org_path,
    before: { fileId, filename: file.filename, sha256: file.sha256 },
  });
}

/**
 * Resource routes (downloads) have no error boundary: a refusal thrown as data becomes a short
 * text in the reader's language with its status; redirects (to sign in) pass through.
 */
export function resourceRefusal(thrown: unknown, request: Request): unknown {
  if (thrown instanceof Response) return thrown;
  const d = thrown as {
    type?: string;
    data?: { messageKey?: string; params?: Record<string, string | number> };
    init?: ResponseInit | null;
  };
  if (d && typeof d === "object" && d.type === "DataWithResponseInit") {
    const locale = negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language"));
    const key = d.data?.messageKey;
    const body =
      key && isMessageKey(key)
        ? translate(locale, key, d.data?.params)
        : translate(locale, "error.400.generic");
    return new Response(body, {
      status: d.init?.status ?? 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  }
  return thrown;
}
