import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { DEMO_2018_TITLE } from "../../../seed/load";
import { SYSTEM_ACTOR } from "../../../app/models/audit.server";
import { getCompetition } from "../../../app/models/competition.server";
import { openNotice } from "../../../app/models/notice.server";
import { noticeToday } from "../../../app/models/notice-clock.server";
import { writeProposedList } from "../../support/proposed-list";

/**
 * Puts the demo's running 2018 competition on notice from today: six nominees a category ranked,
 * four of them proposed, as the judging step leaves a list (as tests/e2e/support/honors-server.ts
 * does). Returns the competition's id: /notices/:id is then its public notice.
 */
export async function openDemoNotice(db: Kysely<Database>): Promise<number> {
  const { id } = await db
    .selectFrom("competitions")
    .select("id")
    .where("title", "=", DEMO_2018_TITLE)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("nominations")
    .select(["id", "category_id"])
    .where("competition_id", "=", id)
    .orderBy("id")
    .execute();
  for (const categoryId of new Set(rows.map((r) => r.category_id))) {
    const mine = rows.filter((r) => r.category_id === categoryId).slice(0, 6);
    await writeProposedList(
      db,
      id,
      categoryId,
      mine.map((r, i) => ({ id: r.id, proposed: i < 4 })),
    );
  }
  const c = (await getCompetition(db, id))!;
  await db
    .transaction()
    .execute((trx) => openNotice(trx, SYSTEM_ACTOR, c, { start: noticeToday(), days: 5, unit: "calendar" }));
  return id;
}
