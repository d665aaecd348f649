import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Refusal } from "~/domain/competitions/stages";
import { noticeToday } from "./notice-clock.server";

/**
 * Why the competition's list may not be published today (docs/domain.md#publication): no notice opened, the
 * notice not over (it ends at the end of its last day), a replacement's own notice not over (decision
 * 018), or objections still open. [] when it may.
 */
export async function publishRefusals(
  db: Kysely<Database>,
  competitionId: number,
  today = noticeToday(),
): Promise<Refusal[]> {
  const notice = await db
    .selectFrom("notices")
    .select(["ends_on"])
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!notice) return [{ messageKey: "notice.refuse.notOpened" }];
  const out: Refusal[] = [];
  if (today <= notice.ends_on)
    out.push({ messageKey: "notice.refuse.notEnded", params: { end: notice.ends_on } });
  // A replacement (递补) with its own notice period holds the list until that period has ended too.
  const replacements = await db
    .selectFrom("proposed_entries as p")
    .innerJoin("nominations as n", "n.id", "p.nomination_id")
    .select(["n.name", "p.notice_ends_on"])
    .where("n.competition_id", "=", competitionId)
    .where("n.status", "=", "on_notice")
    .where("p.notice_ends_on", ">=", today)
    .orderBy("p.notice_ends_on")
    .execute();
  for (const r of replacements)
    out.push({
      messageKey: "notice.refuse.replacementNotEnded",
      params: { name: r.name, end: r.notice_ends_on! },
    });
  const open = await db
    .selectFrom("objections")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("competition_id", "=", competitionId)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0)
    out.push({ messageKey: "notice.refuse.openObjections", params: { count: Number(open.n) } });
  return out;
}

export async function isPublished(db: Kysely<Database>, competitionId: number): Promise<boolean> {
  return !!(await db
    .selectFrom("publications")
    .select("id")
    .where("competition_id", "=", competitionId)
    .executeTakeFirst());
}

/** Bumped with every publication and revocation: each app server's page cache compares it. */
export async function bumpRollVersion(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable("honor_roll_state")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", 1)
    .execute();
}

export async function rollVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("honor_roll_state")
    .select("version")
    .where("id", "=", 1)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
