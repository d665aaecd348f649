/**
 * A child process that plays the server answering one POST of the advance form: the route's own
 * action, on the database named by DATABASE_URL, as the admin given, from the stage given. It
 * waits until START_AT (epoch ms) so that two of them post at the same moment.
 *
 *   node --import tsx tests/support/advance-once.ts COMPETITION_ID ADMIN_USER_ID STAGE START_AT
 */
import { register } from "node:module";
import { createDatabase } from "../../db/client";
import { routeHarness } from "./remix";

// Route modules import their stylesheets; the hooks must be in place before the route is loaded.
register("./css-hooks.mjs", import.meta.url);
const competitionPage = await import("~/routes/competitions.$competitionId._index");

const [competitionId, userId, stage, startAt] = process.argv.slice(2);
const db = createDatabase();
try {
  const h = routeHarness(db);
  // The connection is opened before the wait, so the two posts race on the database, not on start-up.
  await db.selectFrom("competitions").select("stage").where("id", "=", Number(competitionId)).execute();
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const res = await h.post(
    competitionPage.action,
    `/competitions/${competitionId}`,
    { intent: "advance", stage },
    { userId: Number(userId), params: { competitionId } },
  );
  process.stdout.write(`${JSON.stringify({ status: res.status, data: res.data })}\n`);
} finally {
  await db.destroy();
}
