import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeWorld, type World } from "../support/hardening-world";
import { routeHarness } from "../support/remix";
import * as deskRoute from "~/routes/judging.$nominationId";
import * as sheetRoute from "~/routes/competitions.$competitionId.categories.$categoryId_.sheets.$sheetId";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let w: World;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  w = await makeWorld(t.db, h.context.secrets.dataKey);
});
afterAll(() => t.destroy());

describe("a judge's draft score sheet", () => {
  it("stays the judge's own until submitted: the organizer's admin gets 404, then the sheet", async () => {
    const { id: competitionId, categoryId, nominationId } = w.judging;
    const desk = (intent: "save" | "submit", version: string) =>
      h.post(
        deskRoute.action,
        `/judging/${nominationId}`,
        { intent, version, p0: "80", comment: "" },
        { userId: w.users.judgeAssigned, params: { nominationId: String(nominationId) } },
      );
    const adminOpens = (sheetId: number) => {
      const params = {
        competitionId: String(competitionId),
        categoryId: String(categoryId),
        sheetId: String(sheetId),
      };
      return h.get(
        sheetRoute.loader,
        `/competitions/${competitionId}/categories/${categoryId}/sheets/${sheetId}`,
        { userId: w.users.adminOrganizer, params },
      );
    };

    expect((await desk("save", "0")).status).toBe(302);
    const sheet = await t.db
      .selectFrom("score_sheets")
      .select(["id", "status", "version"])
      .where("nomination_id", "=", nominationId)
      .executeTakeFirstOrThrow();
    expect(sheet.status).toBe("draft");
    expect((await adminOpens(sheet.id)).status).toBe(404);

    expect((await desk("submit", String(sheet.version))).status).toBe(302);
    expect((await adminOpens(sheet.id)).status).toBe(200);
  });
});
