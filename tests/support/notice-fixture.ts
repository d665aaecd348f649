import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { getCompetition } from "~/models/competition.server";
import { openNotice } from "~/models/notice.server";
import { makeNominatingCompetition, makeTree } from "./factories";
import { makeProposedList } from "./proposed-list";

/**
 * A competition whose proposed list (王强, 张伟) is on a five-calendar-day notice from 2018-10-01:
 * what the public objection form needs. `ids` are the two entries' nomination ids.
 */
export async function makeOpenNotice(
  db: Kysely<Database>,
): Promise<{ competitionId: number; ids: number[] }> {
  const tree = await makeTree(db);
  const comp = await makeNominatingCompetition(db, tree, { cityA: 10, cityB: 10, county: 5, collective: 2 });
  const ids = await makeProposedList(db, comp.competitionId, comp.individual.id, [
    { name: "王强", orgId: tree.cityA.id, proposed: true },
    { name: "张伟", orgId: tree.cityB.id, proposed: true },
  ]);
  const c = (await getCompetition(db, comp.competitionId))!;
  await db
    .transaction()
    .execute((trx) => openNotice(trx, SYSTEM_ACTOR, c, { start: "2018-10-01", days: 5, unit: "calendar" }));
  return { competitionId: comp.competitionId, ids };
}

/** What an objection could have written: the objections and the audit log, counted. */
export async function objectionWrites(db: Kysely<Database>): Promise<{ objections: number; audit: number }> {
  const n = async (table: "objections" | "audit_log") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { objections: await n("objections"), audit: await n("audit_log") };
}
