/**
 * How large a sheet may be: read by the command line and the upload page alike. Kept apart from
 * the sheet reader so that the HTTP server (scripts/server.ts) and the browser can use it too.
 */
export const MAX_SHEET_BYTES = 50 * 1024 * 1024;
export const MAX_SHEET_MEGABYTES = MAX_SHEET_BYTES / (1024 * 1024);
/** The upload request: the sheet plus the form's few fields and the multipart framing. */
export const MAX_SHEET_REQUEST_BYTES = MAX_SHEET_BYTES + 1024 * 1024;
