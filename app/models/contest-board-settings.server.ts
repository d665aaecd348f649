import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError, NotFoundError } from "~/domain/errors";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";

export interface BoardSettings {
  boardPublic: boolean;
  boardOpenedAt: string | null;
  groups: { id: number; name: string; topN: number | null }[];
}

/** The board's settings, or null when the competition runs no contest. */
export async function boardSettings(
  db: Kysely<Database>,
  competitionId: number,
): Promise<BoardSettings | null> {
  const contest = await db
    .selectFrom("contests")
    .select(["board_public", "board_opened_at"])
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!contest) return null;
  const groups = await db
    .selectFrom("contest_groups")
    .select(["id", "name", "top_n"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
  return {
    boardPublic: contest.board_public === 1,
    boardOpenedAt: contest.board_opened_at,
    groups: groups.map((g) => ({ id: g.id, name: g.name, topN: g.top_n })),
  };
}

interface Organizer {
  id: number;
  org_path: string;
}

/** Opens or closes the public board; opening again keeps nothing of the last opening but the new time. */
export async function setBoardOpen(
  trx: Transaction<Database>,
  actor: Actor,
  c: Organizer,
  open: boolean,
): Promise<void> {
  const now = nowIso();
  const before = await trx
    .selectFrom("contests")
    .select(["board_public", "board_opened_at"])
    .where("competition_id", "=", c.id)
    .executeTakeFirst();
  if (!before) throw new NotFoundError();
  await trx
    .updateTable("contests")
    .set({ board_public: open ? 1 : 0, board_opened_at: open ? now : null, updated_at: now })
    .where("competition_id", "=", c.id)
    .execute();
  await recordAudit(trx, actor, {
    action: open ? "contest.board_open" : "contest.board_close",
    entity: "contest",
    entityId: c.id,
    orgPath: c.org_path,
    before: { board_public: before.board_public === 1, board_opened_at: before.board_opened_at },
    after: { board_public: open },
  });
}

export const MAX_TOP_N = 1000;

/** Sets N per group (how many of its final standing become nominations); null clears it. */
export async function setTopN(
  trx: Transaction<Database>,
  actor: Actor,
  c: Organizer,
  topN: ReadonlyMap<number, number | null>,
): Promise<void> {
  const groups = await trx
    .selectFrom("contest_groups")
    .select(["id", "name", "top_n"])
    .where("competition_id", "=", c.id)
    .execute();
  const known = new Map(groups.map((g) => [g.id, g]));
  for (const [id, n] of topN) {
    if (!known.has(id)) throw new NotFoundError();
    if (n !== null && !(Number.isInteger(n) && n >= 1 && n <= MAX_TOP_N))
      throw new DomainError("contestBoard.topNRange", { max: MAX_TOP_N }, `top_n_${id}`);
  }
  const changed = [...topN].filter(([id, n]) => known.get(id)!.top_n !== n);
  for (const [id, n] of changed)
    await trx.updateTable("contest_groups").set({ top_n: n }).where("id", "=", id).execute();
  if (changed.length === 0) return;
  await recordAudit(trx, actor, {
    action: "contest.top_n",
    entity: "contest",
    entityId: c.id,
    orgPath: c.org_path,
    before: Object.fromEntries(changed.map(([id]) => [known.get(id)!.name, known.get(id)!.top_n])),
    after: Object.fromEntries(changed.map(([id, n]) => [known.get(id)!.name, n])),
  });
}
