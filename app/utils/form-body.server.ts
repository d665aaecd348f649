import { errorResponse } from "./http.server";

/**
 * More fields than any form of ours sends: the largest, the category editor, sends eight per row
 * (60 rows: 480) and one per suborganization. Counted while the body streams, so that a form of
 * 200,000 empty fields is refused after its first thousand, not parsed (issue #14).
 */
export const MAX_FORM_FIELDS = 1000;

/** The same bound on a query string's parameters (scripts/server.ts refuses more with 414). */
export const MAX_QUERY_PARAMS = MAX_FORM_FIELDS;

/** What a reader that maps its own errors throws when the body held too many fields. */
export class TooManyFields extends Error {}

export const tooManyFields = () => errorResponse(413, "error.413.tooManyFields", { max: MAX_FORM_FIELDS });

/** After a refusal, the rest of the body is read and dropped (no parsing) up to this, then the connection is cut. */
const DRAIN_BYTES = 25 * 1024 * 1024;

export interface CountedRequest {
  request: Request;
  /** True once the body was found to hold more than MAX_FORM_FIELDS fields. */
  exceeded: () => boolean;
}

/**
 * The bytes that start each field: `&` between urlencoded fields, the boundary line before each
 * multipart part (and once more at the end). Other bodies are not forms; their parser refuses them.
 */
function separatorOf(contentType: string): Buffer | undefined {
  const type = contentType.toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) return Buffer.from("&");
  const boundary = /^multipart\/form-data\b.*;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return boundary ? Buffer.from(`--${boundary[1] ?? boundary[2]}`) : undefined;
}

/** Occurrences of `needle` in `haystack` (which never overlap for these separators). */
function countIn(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** Reads and drops what is left, so the refusal reaches a client still sending; cut off past DRAIN_BYTES. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let dropped = 0;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      dropped += r.value.byteLength;
      if (dropped > DRAIN_BYTES) return void (await reader.cancel());
    }
  } catch {
    // The client went away: nothing left to drop.
  }
}

/**
 * The request again, with a body that errors as soon as it holds more than `max` fields. The
 * original body is not cancelled then (that would close the connection before the 413 is sent)
 * but drained in the background.
 */
export function countFields(request: Request, max = MAX_FORM_FIELDS): CountedRequest {
  const separator = separatorOf(request.headers.get("content-type") ?? "");
  if (!separator || !request.body) return { request, exceeded: () => false };
  // A multipart body has one boundary line more than parts; an urlencoded one, one `&` fewer than fields.
  const allowed = separator.length === 1 ? max - 1 : max + 1;
  const reader = request.body.getReader();
  let seen = 0;
  let tail = Buffer.alloc(0);
  let exceeded = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await reader.read();
      if (r.done) return controller.close();
      // A separator split between two chunks is found in the previous chunk's tail joined to this one.
      const window = Buffer.concat([tail, r.value]);
      seen += countIn(window, separator);
      tail = window.subarray(Math.max(0, window.length - separator.length + 1));
      if (seen > allowed) {
        exceeded = true;
        controller.error(new Error("too many form fields"));
        void drain(reader);
        return;
      }
      controller.enqueue(r.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const counted = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
  return { request: counted, exceeded: () => exceeded };
}
