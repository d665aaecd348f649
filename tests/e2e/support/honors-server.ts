import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { DEMO_2018_TITLE, loadDemo } from "../../../seed/load";
import { writeProposedList } from "../../support/proposed-list";
import { startServer, type RunningServer } from "./server";

export interface NoticeServer extends RunningServer {
  competitionId: number;
  /** The first name on the proposed list of individuals. */
  firstName: string;
  /** Moves the server's clock (LAUREL_TODAY_FILE, honoured outside production). */
  setToday: (date: string) => void;
}

/**
 * The demo with its 2018 competition in the notice stage, its proposed list written as the
 * judging step leaves it, served by scripts/start.ts outside production so the notice clock can
 * move (production ignores the clock file).
 */
export async function startNoticeServer(today: string): Promise<NoticeServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-honors-"));
  const file = path.join(dir, "laurel.db");
  const clock = path.join(dir, "today");
  fs.writeFileSync(clock, today);
  const dataKey = crypto.randomBytes(32);
  const db = createDatabase({ dialect: "sqlite", file });
  let competitionId = 0;
  let firstName = "";
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
    competitionId = (
      await db
        .selectFrom("competitions")
        .select("id")
        .where("title", "=", DEMO_2018_TITLE)
        .executeTakeFirstOrThrow()
    ).id;
    const rows = await db
      .selectFrom("nominations")
      .select(["id", "name", "category_id", "kind"])
      .where("competition_id", "=", competitionId)
      .orderBy("id")
      .execute();
    for (const categoryId of new Set(rows.map((r) => r.category_id))) {
      const mine = rows.filter((r) => r.category_id === categoryId).slice(0, 6);
      await writeProposedList(
        db,
        competitionId,
        categoryId,
        mine.map((r, i) => ({ id: r.id, proposed: i < 4 })),
      );
      if (mine[0].kind === "individual") firstName = mine[0].name;
    }
  } finally {
    await db.destroy();
  }
  // Outside production, so that the notice clock can move.
  const server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
    env: { NODE_ENV: "development", LAUREL_TODAY_FILE: clock },
  });
  const stop = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { ...server, stop, competitionId, firstName, setToday: (date) => fs.writeFileSync(clock, date) };
}
