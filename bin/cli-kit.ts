import { parseArgs, type ParseArgsConfig } from "node:util";
import type { createDatabase } from "../db/client";
import { translate, type Locale, type MessageKey, type Params } from "../app/i18n";

/** Exit codes (docs/domain.md#command-line). */
export const EXIT = { ok: 0, failed: 1, usage: 2, rowsRefused: 3 } as const;

/** Bad arguments: exit 2 with the command's usage. */
export class UsageError extends Error {}
/** Refused or failed: exit 1, nothing written. */
export class CommandError extends Error {}

export const cliLocale: Locale = /^zh/i.test(process.env.LAUREL_LANG ?? process.env.LANG ?? "")
  ? "zh-CN"
  : "en";
export const tr = (key: MessageKey, params?: Params) => translate(cliLocale, key, params);

/** What a command does; its usage and summary are in the table of cli-main.ts. */
export interface Command {
  options?: ParseArgsConfig["options"];
  run(args: {
    values: Record<string, string | boolean | string[] | undefined>;
    positionals: string[];
  }): Promise<number>;
}

export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { help: { type: "boolean" }, ...cmd.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:data/laurel.db";
}

/**
 * Opens the database of DATABASE_URL, runs `fn`, and always closes it. The database layer (Kysely
 * and the drivers) is loaded here, by the commands that use it, not at every start of the CLI.
 */
export async function withDatabase<T>(fn: (db: ReturnType<typeof createDatabase>) => Promise<T>): Promise<T> {
  const { createDatabase, parseDatabaseUrl } = await import("../db/client");
  let target;
  try {
    target = parseDatabaseUrl(databaseUrl());
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const db = createDatabase(target);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface PrintableIssue {
  row: number;
  column: string | null;
  messageKey: MessageKey;
  params?: Params;
}

/** The row report on stderr: row, column, message — one line each. */
export function printIssues(issues: PrintableIssue[]): void {
  for (const i of issues)
    process.stderr.write(`row ${i.row}\t${i.column ?? "-"}\t${tr(i.messageKey, i.params)}\n`);
}
