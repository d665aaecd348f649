import fc from "fast-check";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Tables whose rows legitimately change on a refused input: failed sign-ins are counted on purpose, and
 * a test visitor's session row is written when its cookie is first made, which may fall between snapshots.
 */
const VOLATILE = new Set(["login_throttle", "sessions"]);

/** Audit actions that record a refusal on purpose: a failed sign-in is logged for the account's owner. */
const REFUSAL_AUDITS = ["login.failure"];

/**
 * Row counts of every table plus the newest audit entry: equal snapshots mean nothing was written.
 * Audit rows of REFUSAL_AUDITS are left out of the audit counts, so a refused sign-in compares equal.
 */
export async function dbSnapshot(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await tableNames(db);
  const union = tables.map((t) => `select '${t}' as t, count(*) as n from "${t}"`).join(" union all ");
  const rows = (await sql<{ t: string; n: number | string }>`${sql.raw(union)}`.execute(db)).rows;
  const audit = await db
    .selectFrom("audit_log")
    .where("action", "not in", REFUSAL_AUDITS)
    .select((eb) => [eb.fn.max("id").as("max"), eb.fn.countAll().as("n")])
    .executeTakeFirst();
  return {
    ...Object.fromEntries(rows.map((r) => [r.t, Number(r.n)])),
    audit_log: Number(audit?.n ?? 0),
    "audit_log.max_id": Number(audit?.max ?? 0),
  };
}

let cached: string[] | undefined;
async function tableNames(db: Kysely<Database>): Promise<string[]> {
  if (cached) return cached;
  const isPg = db.getExecutor().adapter.constructor.name.toLowerCase().includes("postgres");
  const rows = isPg
    ? (
        await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
          db,
        )
      ).rows
    : (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      ).rows;
  cached = rows
    .map((r) => r.name)
    .filter((n) => !VOLATILE.has(n) && /^[a-z_0-9]+$/.test(n))
    .sort();
  return cached;
}

/** Strings a hostile client sends: formulas, markup, SQL, control and unpaired surrogate characters, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    '@HYPERLINK("http://evil")',
    "\t=1+1",
    "<script>alert(1)</script>",
    "'; drop table users; --",
    "../../../etc/passwd",
    "\u0000",
    "\ud800",
    "\uffff",
    "NaN",
    "-1",
    "0",
    "1e309",
    "9".repeat(400),
    "2147483648",
    "99999999999",
    "null",
    "undefined",
    "[object Object]",
    "%00",
    "%",
    "%E0%A4%A",
    "\r\n\r\n",
    " ",
    "",
    "张\u0000三",
    "\u0000admin",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constant("长".repeat(100_000)),
);

/** Field names the app's forms use, so the fuzzer gets past the first checks, and random ones. */
export const FIELD_NAMES = [
  "intent",
  "name",
  "title",
  "year",
  "description",
  "version",
  "category",
  "org",
  "orgId",
  "parentId",
  "kind",
  "region_code",
  "id_number",
  "phone",
  "birth_date",
  "gender",
  "ethnicity",
  "political_status",
  "education",
  "workplace",
  "post",
  "occupation_group",
  "migrant",
  "sector",
  "member_count",
  "leader",
  "collective_kind",
  "summary",
  "deeds",
  "username",
  "password",
  "display_name",
  "current",
  "next",
  "confirm",
  "role",
  "grantId",
  "fileId",
  "department",
  "opinion",
  "note",
  "reason",
  "lang",
  "returnTo",
  "redirectTo",
  "rows",
  "quota",
  "notice_days",
  "notice_unit",
  "files",
  "sheet",
  "all_or_nothing",
  // Judging, notice, publication, calendar, registry and aid forms.
  "p0",
  "comment",
  "userId",
  "memberId",
  "ref",
  "decision",
  "start",
  "days",
  "unit",
  "objection",
  "outcome",
  "nomination",
  "facts",
  "contact",
  "website",
  "doc_number",
  "published_on",
  "publishing_org",
  "honoree",
  "revoked_on",
  "date",
  "file",
  "code",
  "city",
  "poverty_level",
  "exited_year",
  "needs",
  "helper_ref",
  "tier",
  "started_on",
  "pairing",
  "pick",
  "capacity",
  "level",
  "skills",
  "ownership",
  "teamId",
  "county_code",
  "village",
  "funds_yuan",
  "person_times",
  "people_helped",
  "activityId",
  "helperId",
  "countyId",
  "investment",
  "startedOn",
  "endedOn",
  "status",
  "allOrNothing",
] as const;

export const INTENTS = [
  "draft",
  "submit",
  "resubmit",
  "save",
  "delete",
  "copy",
  "advance",
  "grant",
  "revoke",
  "activate",
  "deactivate",
  "consult",
  "reveal",
  "withdraw",
  "return",
  "markEligible",
  "markIneligible",
  "reinstate",
  "deleteFile",
  "add",
  "addExternal",
  "remove",
  "assign",
  "assignOne",
  "unassign",
  "conflict",
  "open",
  "resolve",
  "publish",
  "set",
  "import",
  "edit",
  "run",
  "accept",
  "team",
] as const;

export const hostileForm: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) },
      { weight: 1, arbitrary: fc.string() },
    ),
    fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...INTENTS) }, { weight: 4, arbitrary: hostileString }),
  ),
  { maxLength: 12 },
);

export type BodyKind = "urlencoded" | "multipart" | "raw";
export const bodyKind: fc.Arbitrary<BodyKind> = fc.constantFrom(
  "urlencoded",
  "urlencoded",
  "multipart",
  "raw",
);

/** A request body of the kind, carrying the fields (and the CSRF token unless `csrf` is null). */
export function encodeBody(
  kind: BodyKind,
  fields: [string, string][],
  csrf: string | null,
  raw: Uint8Array,
  rawType: string,
): { body: BodyInit; type?: string } {
  const all: [string, string][] = csrf === null ? fields : [["_csrf", csrf], ...fields];
  if (kind === "urlencoded")
    return { body: new URLSearchParams(all), type: "application/x-www-form-urlencoded" };
  if (kind === "multipart") {
    const form = new FormData();
    for (const [k, v] of all) form.append(k, v);
    form.append("files", new File([new Uint8Array(raw)], "上传.pdf", { type: "application/pdf" }));
    return { body: form };
  }
  return { body: new Uint8Array(raw), type: rawType };
}

export const rawContentType = fc.constantFrom(
  "multipart/form-data; boundary=xyz",
  "multipart/form-data",
  "application/x-www-form-urlencoded",
  "application/json",
  "text/plain; charset=gbk",
  "application/octet-stream",
  "x/\u00ff",
  "",
);

/** Whether a refusal carries something to show: a message key (error page) or field errors (form). */
export function hasMessage(data: unknown): boolean {
  if (typeof data === "string") return data.trim().length > 0;
  if (!data || typeof data !== "object") return false;
  return "messageKey" in data || ("errors" in data && !!(data as { errors: unknown }).errors);
}
