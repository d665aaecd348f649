import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { routeHarness } from "../support/remix";
import {
  COUNTIES,
  ENTERPRISES,
  makeContestBoard,
  openBoard,
  SECRET_CODE,
  SECRET_TITLE,
} from "../support/contest-board-fixture";
import { publishedPageCache } from "../../scripts/honors-cache";
import { CACHEABLE_HEADER, invalidateRollPages } from "~/models/honor-page-cache.server";
import * as boardRoute from "~/routes/contests.$competitionId";
import * as boardsRoute from "~/routes/contests._index";
import * as settingsRoute from "~/routes/competitions.$competitionId.contest.board";

let t: TestDatabase;
let world: Awaited<ReturnType<typeof makeContestBoard>>;
let h: ReturnType<typeof routeHarness>;

beforeAll(async () => {
  t = await createTestDatabase();
  world = await makeContestBoard(t.db);
  h = routeHarness(t.db);
});

afterAll(async () => {
  await t?.destroy();
});

const boardPath = (query = "") => `/contests/${world.competitionId}${query}`;
const getBoard = (query = "") =>
  h.get(boardRoute.loader, boardPath(query), { params: { competitionId: String(world.competitionId) } });
const settingsPath = () => `/competitions/${world.competitionId}/contest/board`;
const post = (form: Record<string, string>, userId = world.adminId) =>
  h.post(settingsRoute.action, settingsPath(), form, {
    userId,
    params: { competitionId: String(world.competitionId) },
  });

describe("the public board", () => {
  it("is a 404 while the organizer keeps it closed, and is not listed", async () => {
    expect((await getBoard()).status).toBe(404);
    expect((await h.get(boardsRoute.loader, "/contests")).data.boards).toEqual([]);
  });

  it("opens from the settings page (audited), then lists and shows the latest verified period, cumulative", async () => {
    const opened = await post({ intent: "open" });
    expect(opened.status).toBe(200);
    expect(opened.data.done).toBe("opened");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "contest.board_open")
      .execute();
    expect(audit).toHaveLength(1);

    const boards = (await h.get(boardsRoute.loader, "/contests")).data.boards;
    expect(boards.map((b: { id: number }) => b.id)).toEqual([world.competitionId]);
    const { board } = (await getBoard()).data;
    expect(board.period).toBe("2018Q2");
    expect(board.scope).toBe("cumulative");
    const enterprises = board.groups.find((g: { name: string }) => g.name === ENTERPRISES);
    expect(enterprises.entries.map((e: { name: string; rank: number | null }) => [e.name, e.rank])).toEqual([
      ["甲市电力公司工会", 1],
      ["乙市化工公司工会", 1],
      ["甲市钢铁公司工会", 3],
      // Unranked, by name in pinyin order: jiancai before meikuang.
      ["甲市建材公司工会", null],
      ["甲市煤矿工会", null],
    ]);
    const building = enterprises.entries.find((e: { name: string }) => e.name === "甲市建材公司工会");
    expect(building.disqualified).toBe(true);
    // The red flag of Q1 went to the two tied units; Q2's period standing: all three 50/50 → 60, a three-way tie.
    expect(enterprises.redFlags[0]).toEqual({
      period: "2018Q1",
      winners: ["甲市电力公司工会", "乙市化工公司工会"],
    });
    expect(enterprises.chart.labels).toEqual(["2018Q1", "2018Q2"]);
    expect(enterprises.chart.series.map((s: { totals: number[] }) => s.totals)).toEqual([
      [65, 65],
      [65, 65],
      [58, 64],
    ]);
  });

  it("never carries a confidential indicator, though the totals count it", async () => {
    const outcome = await getBoard();
    const text = JSON.stringify(outcome.data);
    expect(text).not.toContain(SECRET_TITLE);
    expect(text).not.toContain(SECRET_CODE);
    expect(outcome.data.board.indicators.map((i: { code: string }) => i.code)).toEqual(["invest"]);
    const steel = outcome.data.board.groups[0].entries.find(
      (e: { name: string }) => e.name === "甲市钢铁公司工会",
    );
    expect(steel.points).toEqual([54]);
    expect(steel.total).toBe(64);
  });

  it("answers another period and the period scope by GET, and refuses an unknown period or scope", async () => {
    const q1 = (await getBoard("?period=2018Q1&scope=period")).data.board;
    expect(q1.period).toBe("2018Q1");
    expect(q1.scope).toBe("period");
    const counties = q1.groups.find((g: { name: string }) => g.name === COUNTIES);
    expect(counties.entries[0].total).toBe(36);
    expect((await getBoard("?period=2019Q9")).status).toBe(404);
    expect((await getBoard("?scope=weekly")).status).toBe(400);
  });
});

describe("the board's page cache", () => {
  let server: Server;
  let base: string;
  let renders = 0;

  beforeAll(async () => {
    invalidateRollPages();
    const app = express();
    app.set("etag", false);
    app.use((_req, res, next) => {
      res.locals.csrfToken = "token";
      res.locals.cspNonce = "nonce";
      next();
    });
    app.use(publishedPageCache(t.db, (nonce) => `script-src 'nonce-${nonce}'`));
    // A stand-in for Remix that renders the real loader's data.
    app.get("/contests/:id", async (req, res) => {
      renders++;
      const outcome = await h.get(boardRoute.loader, req.originalUrl, {
        params: { competitionId: req.params.id },
      });
      if (outcome.status !== 200) return void res.status(outcome.status).send("no");
      res.setHeader(CACHEABLE_HEADER, "1");
      res.type("html").send(`<p>${JSON.stringify(outcome.data)}</p><input value="${res.locals.csrfToken}">`);
    });
    await new Promise<void>((resolve) => (server = app.listen(0, "127.0.0.1", resolve)));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server?.close();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("serves the second visit from memory and renders again once standings_version moves", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const url = `${base}${boardPath("?scope=cumulative&junk=1")}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const before = renders;
    const second = await fetch(url);
    expect(await second.text()).toContain("甲市电力公司工会");
    expect(renders).toBe(before);

    // A verification elsewhere bumps the version; within the stamp's second nothing is read again.
    await t.db
      .updateTable("contest_values")
      .set({ value: 100 })
      .where(
        "indicator_id",
        "in",
        t.db.selectFrom("contest_indicators").select("id").where("code", "=", "invest"),
      )
      .where(
        "report_id",
        "in",
        t.db
          .selectFrom("contest_reports as r")
          .innerJoin("contest_participants as p", "p.id", "r.participant_id")
          .innerJoin("orgs as o", "o.id", "p.org_id")
          .select("r.id")
          .where("o.name", "=", "甲市钢铁公司工会")
          .where("r.period_id", "=", world.periods.q2),
      )
      .execute();
    await t.db
      .updateTable("contests")
      .set((eb) => ({ standings_version: eb("standings_version", "+", 1) }))
      .where("competition_id", "=", world.competitionId)
      .execute();
    vi.setSystemTime(Date.now() + 2000);
    const third = await fetch(url);
    expect(renders).toBe(before + 1);
    const body = await third.text();
    // 钢铁: 140/100 capped at 60, plus its confidential 10 → 70, now first.
    expect(body.indexOf("甲市钢铁公司工会")).toBeLessThan(body.indexOf("甲市电力公司工会"));
  });

  it("stops serving the cached page as soon as this server closes the board", async () => {
    const url = `${base}${boardPath()}`;
    expect((await fetch(url)).status).toBe(200);
    const closed = await post({ intent: "close" });
    expect(closed.data.done).toBe("closed");
    expect((await fetch(url)).status).toBe(404);
    await openBoard(t.db, world.competitionId);
  });
});

describe("board settings", () => {
  it("are the organizer's admins' only", async () => {
    const outcome = await h.get(settingsRoute.loader, settingsPath(), {
      userId: world.cityAdminId,
      params: { competitionId: String(world.competitionId) },
    });
    expect(outcome.status).toBe(403);
  });

  it("refuse an N that is not a whole number from 1 up, and save a good one (audited)", async () => {
    const bad = await post({ intent: "topn", [`top_n_${world.groups.enterprises}`]: "0" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors[`top_n_${world.groups.enterprises}`].key).toBe("contestBoard.topNRange");
    const text = await post({ intent: "topn", [`top_n_${world.groups.enterprises}`]: "abc" });
    expect(text.status).toBe(400);
    const good = await post({
      intent: "topn",
      [`top_n_${world.groups.enterprises}`]: "1",
      [`top_n_${world.groups.counties}`]: "",
    });
    expect(good.data.done).toBe("saved");
    const groups = await t.db
      .selectFrom("contest_groups")
      .select(["name", "top_n"])
      .orderBy("position")
      .execute();
    expect(groups).toEqual([
      { name: ENTERPRISES, top_n: 1 },
      { name: COUNTIES, top_n: null },
    ]);
  });
});

describe("into the commendation", () => {
  const commend = (category = world.collectiveCategoryId) =>
    post({ intent: "commend", category: String(category) });
  const nominations = () =>
    t.db
      .selectFrom("nominations as n")
      .innerJoin("orgs as o", "o.id", "n.org_id")
      .select(["n.name", "n.status", "n.kind", "o.name as org"])
      .where("n.competition_id", "=", world.competitionId)
      .execute();

  it("refuses an individual category", async () => {
    const outcome = await commend(world.individualCategoryId);
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.category.key).toBe("contestBoard.categoryNotCollective");
    expect(await nominations()).toEqual([]);
  });

  it("files the top N (ties included) by the parent union, refusing what the places, a veto or a disqualification forbid", async () => {
    // Back to the fixture's standing: 电力 and 化工 tied first.
    await t.db.updateTable("contest_values").set({ value: 50 }).where("value", "=", 100).execute();
    const outcome = await commend();
    expect(outcome.status).toBe(200);
    const result = outcome.data.result;
    expect(result.period).toBe("2018Q2");
    const enterprises = result.groups.find((g: { name: string }) => g.name === ENTERPRISES);
    const byName = Object.fromEntries(
      enterprises.outcomes.map((o: { name: string; outcome: string; refusal: string | null }) => [
        o.name,
        [o.outcome, o.refusal],
      ]),
    );
    expect(byName).toEqual({
      甲市电力公司工会: ["nominated", null],
      乙市化工公司工会: ["refused", "noPlaces"],
      甲市煤矿工会: ["refused", "vetoed"],
      甲市建材公司工会: ["refused", "disqualified"],
    });
    expect(result.groups.find((g: { name: string }) => g.name === COUNTIES).topN).toBeNull();
    expect(await nominations()).toEqual([
      { name: "甲市电力公司工会", status: "submitted", kind: "collective", org: "甲市总工会" },
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "contest.into_commendation")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ nominated: 1, refused: 3, skipped: 0 });
  });

  it("files nothing new when run again: the nominated unit is skipped with the reason", async () => {
    const outcome = await commend();
    const enterprises = outcome.data.result.groups.find((g: { name: string }) => g.name === ENTERPRISES);
    const power = enterprises.outcomes.find((o: { name: string }) => o.name === "甲市电力公司工会");
    expect([power.outcome, power.refusal]).toEqual(["skipped", "alreadyNominated"]);
    expect(await nominations()).toHaveLength(1);
  });

  it("is refused outside the nominating stage", async () => {
    await t.db
      .updateTable("competitions")
      .set({ stage: "reviewing" })
      .where("id", "=", world.competitionId)
      .execute();
    const outcome = await commend();
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors._form.key).toBe("contestBoard.notNominating");
    await t.db
      .updateTable("competitions")
      .set({ stage: "nominating" })
      .where("id", "=", world.competitionId)
      .execute();
  });
});
