import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { toCsv } from "~/domain/csv";
import type { TestDatabase } from "./database";
import { makeId } from "../unit/nominations/id-helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The same secrets as tests/support/cli.ts, so a run there and here read each other's data. */
export const CLI_SECRETS = {
  LANG: "C",
  LAUREL_LANG: "en",
  SESSION_SECRET: "s".repeat(40),
  LAUREL_DATA_KEY: "ab".repeat(32),
};

/** Starts the command line without waiting for it: the fault tests kill it halfway. */
export function startCli(args: string[], env: Record<string, string>) {
  return startScript("bin/laurel.ts", args, env);
}

/** Starts a TypeScript entry point of the repository (the CLI, or a stand-in for the server) in its own process. */
export function startScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...CLI_SECRETS, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** A nominations sheet of `n` good individual rows for one org, each with its own ID number. */
export function bigNominationSheet(n: number, org: string): string {
  const header = [
    "ref",
    "category",
    "nominating_org",
    "kind",
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "political_status",
    "education",
    "workplace",
    "post",
    "occupation_group",
    "migrant",
    "id_number",
    "phone",
    "member_count",
    "leader",
    "deeds",
  ];
  const rows = Array.from({ length: n }, (_, i) => {
    const birth = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const id = makeId("610102", birth.replaceAll("-", ""), "123");
    return [
      `F-${i}`,
      "先进个人",
      org,
      "individual",
      `候选人${i}`,
      "男",
      "汉族",
      birth,
      "群众",
      "大专",
      "某某机械厂",
      "车工",
      "frontline",
      "否",
      id,
      "13812345678",
      "",
      "",
      "扎根一线二十年。",
    ];
  });
  return toCsv([header, ...rows]);
}

/**
 * True while another connection holds the write lock, i.e. a write transaction is under way.
 * SQLite: BEGIN IMMEDIATE fails at once; PostgreSQL: someone else holds a row-exclusive lock on `table`.
 */
export async function writeInProgress(t: TestDatabase, table: string): Promise<boolean> {
  if (t.dialect === "sqlite") {
    const probe = new SQLite(t.url.replace(/^file:/, ""), { timeout: 0 });
    try {
      probe.exec("begin immediate");
      probe.exec("rollback");
      return false;
    } catch {
      return true;
    } finally {
      probe.close();
    }
  }
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation join pg_namespace s on s.oid = c.relnamespace
    where c.relname = ${table} and s.nspname = current_schema() and l.mode = 'RowExclusiveLock' and l.pid <> pg_backend_pid()`.execute(
    t.db,
  );
  return Number(rows[0].n) > 0;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** SQLite's own check of every page and index; PostgreSQL's equivalent for our purpose: every foreign key holds. */
export async function integrityCheck(t: TestDatabase): Promise<string> {
  if (t.dialect === "sqlite") {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.db);
    const fk = await sql`pragma foreign_key_check`.execute(t.db);
    return [...rows.map((r) => r.integrity_check), ...fk.rows.map((r) => JSON.stringify(r))].join("\n");
  }
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from nominations n left join categories c on c.id = n.category_id where c.id is null)
         + (select count(*) from nomination_events e left join nominations n on n.id = e.nomination_id where n.id is null) as n`.execute(
    t.db,
  );
  return Number(rows[0].n) === 0 ? "ok" : `${rows[0].n} orphan rows`;
}

export const countOf = async (
  db: Kysely<Database>,
  table: "nominations" | "nomination_events" | "audit_log" | "orgs",
) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
