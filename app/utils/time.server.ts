/** The current instant as ISO text; one place so tests and the audit log agree on the format. */
export function nowIso(): string {
  return new Date().toISOString();
}
