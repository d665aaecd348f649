/**
 * A child process that plays the server answering one POST of the publication form: the route's
 * own action, on the database named by DATABASE_URL, as the admin given. The fault test kills it
 * with SIGKILL while the publication's transaction is under way.
 *
 *   node --import tsx tests/support/fault-publish.ts COMPETITION_ID ADMIN_USER_ID PUBLISHING_ORG_ID
 */
import { register } from "node:module";
import { createDatabase } from "../../db/client";
import { routeHarness } from "./remix";

// Route modules import their stylesheets; the hooks must be in place before the route is loaded.
register("./css-hooks.mjs", import.meta.url);
const publicationPage = await import("~/routes/competitions.$competitionId.publication");

const [competitionId, userId, orgId] = process.argv.slice(2);
const db = createDatabase();
try {
  const h = routeHarness(db);
  const form = {
    intent: "publish",
    doc_number: "陕工发〔2018〕77号",
    published_on: "2018-10-08",
    publishing_org: orgId,
  };
  const res = await h.post(publicationPage.action, `/competitions/${competitionId}/publication`, form, {
    userId: Number(userId),
    params: { competitionId },
  });
  process.stdout.write(`${JSON.stringify({ status: res.status, data: res.data })}\n`);
  process.exitCode = res.status === 200 && res.data?.ok ? 0 : 1;
} finally {
  await db.destroy();
}
