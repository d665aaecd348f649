/**
 * Supporting files of a nomination (docs/domain.md#nominations): PDF, JPEG or PNG, at most 10 MB each. The type is
 * told by the bytes, never by the name or the browser's Content-Type, and the name's extension
 * must agree with it, so a PNG called 事迹材料.pdf or a script renamed .pdf is refused.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_MEGABYTES = MAX_FILE_BYTES / (1024 * 1024);

/** Files a nomination may carry, and how many one form may add. */
export const MAX_FILES_PER_NOMINATION = 20;
export const MAX_FILES_PER_UPLOAD = 5;
/**
 * One form's files together, below the server's 25 MB body limit (scripts/server.ts) so that our
 * message, not the bare 413 of the server, answers. Here and not in the server module because the
 * form states it too: a constant of a .server module is undefined in the browser's bundle, and the
 * hint then differed from the server's page (a hydration mismatch).
 */
export const MAX_UPLOAD_TOTAL_MEGABYTES = 24;

export const FILE_TYPES = {
  "application/pdf": { label: "PDF", extensions: [".pdf"] },
  "image/jpeg": { label: "JPEG", extensions: [".jpg", ".jpeg"] },
  "image/png": { label: "PNG", extensions: [".png"] },
} as const;
export type FileType = keyof typeof FILE_TYPES;

/** For the file input's accept attribute: a hint to the browser, not a check. */
export const ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

const SIGNATURES: readonly (readonly [FileType, readonly number[]])[] = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The type the leading bytes announce, or null for anything else. */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  for (const [type, magic] of SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

const MAX_NAME_CHARS = 120;
// Control characters and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** The extension in lower case with its dot ("" when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/**
 * The name as stored and offered on download: no folders, no control or direction characters,
 * at most 120 characters with the extension kept. An empty name becomes "file".
 */
export function cleanFilename(raw: string): string {
  const base = (raw.split(/[/\\]/).pop() ?? "").normalize("NFC").replace(UNSAFE_NAME_CHARS, "").trim();
  const chars = [...base];
  if (chars.length <= MAX_NAME_CHARS) return base || "file";
  const ext = extensionOf(base);
  return chars.slice(0, MAX_NAME_CHARS - ext.length).join("") + ext;
}

export type FileMessageKey =
  | "nomination.file.empty"
  | "nomination.file.tooLarge"
  | "nomination.file.type"
  | "nomination.file.mismatch";

export type UploadCheck =
  | { ok: true; filename: string; contentType: FileType }
  | { ok: false; messageKey: FileMessageKey; params: Record<string, string | number> };

/**
 * Vets one uploaded file. `size` is the full size as received; `bytes` may stop short of it when
 * the reader gave up on an oversized file. A name without extension gets the detected type's.
 */
export function checkUpload(file: { name: string; size: number; bytes: Uint8Array }): UploadCheck {
  const filename = cleanFilename(file.name);
  const params = { name: filename };
  if (file.size === 0) return { ok: false, messageKey: "nomination.file.empty", params };
  if (file.size > MAX_FILE_BYTES)
    return {
      ok: false,
      messageKey: "nomination.file.tooLarge",
      params: { ...params, max: MAX_FILE_MEGABYTES },
    };
  const type = sniffFileType(file.bytes);
  if (!type) return { ok: false, messageKey: "nomination.file.type", params };
  const ext = extensionOf(filename);
  const expected: readonly string[] = FILE_TYPES[type].extensions;
  if (ext === "") return { ok: true, filename: cleanFilename(filename + expected[0]), contentType: type };
  if (!expected.includes(ext))
    return {
      ok: false,
      messageKey: "nomination.file.mismatch",
      params: { ...params, type: FILE_TYPES[type].label },
    };
  return { ok: true, filename, contentType: type };
}
