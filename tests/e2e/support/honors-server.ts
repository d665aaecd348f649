import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { DEMO_2018_TITLE, loadDemo } from "../../../db/demo/load";
import { writeProposedList } from "../../support/proposed-list";
import { freePort, ROOT, type RunningServer } from "./server";

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
    competitionId = (await db.selectFrom("competitions").select("id").where("title", "=", DEMO_2018_TITLE).executeTakeFirstOrThrow()).id;
    const rows = await db.selectFrom("nominations").select(["id", "name", "category_id", "kind"]).where("competition_id", "=", competitionId).orderBy("id").execute();
    for (const categoryId of new Set(rows.map((r) => r.category_id))) {
      const mine = rows.filter((r) => r.category_id === categoryId).slice(0, 6);
      await writeProposedList(db, competitionId, categoryId, mine.map((r, i) => ({ id: r.id, proposed: i < 4 })));
      if (mine[0].kind === "individual") firstName = mine[0].name;
    }
  } finally {
    await db.destroy();
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: `file:${file}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
      LAUREL_DATA_KEY: dataKey.toString("hex"),
      LAUREL_TODAY_FILE: clock,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await done;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited before answering:\n${log}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, output: () => log, stop, competitionId, firstName, setToday: (date) => fs.writeFileSync(clock, date) };
}
