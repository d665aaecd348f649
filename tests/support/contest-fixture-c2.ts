import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createCompetition } from "../../app/models/competition.server";
import { CompetitionTemplateSchema } from "../../app/domain/competitions/template";
import type { OrgRow } from "../../app/models/org.server";
import { nowIso } from "../../app/utils/time.server";

/**
 * A contest written straight into migration 0011's tables (C1's setup is merged later): two
 * groups, two quarters, and one indicator of each method, `vill` a `target` bound to an aid measure.
 */
export async function makeContest(
  db: Kysely<Database>,
  organizer: OrgRow,
  stage: "draft" | "running" = "draft",
) {
  const template = CompetitionTemplateSchema.parse({
    title: "2018年全省国有企业脱贫攻坚主题竞赛",
    year: 2018,
    organizer: organizer.name,
    categories: [
      {
        name: "先进集体",
        kind: "collective",
        quota: 5,
        criteria: [{ title: "成效", max_points: 100 }],
        allocations: [],
      },
    ],
  });
  const id = await db
    .transaction()
    .execute((trx) => createCompetition(trx, SYSTEM_ACTOR, organizer, template));
  await db.updateTable("competitions").set({ stage }).where("id", "=", id).execute();
  const now = nowIso();
  await db
    .insertInto("contests")
    .values({
      competition_id: id,
      board_public: 0,
      board_opened_at: null,
      standings_version: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const group = async (position: number, name: string) =>
    (
      await db
        .insertInto("contest_groups")
        .values({ competition_id: id, position, name, top_n: null })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const period = async (position: number, label: string, opens: string, closes: string) =>
    (
      await db
        .insertInto("contest_periods")
        .values({
          competition_id: id,
          position,
          label,
          opens_on: opens,
          closes_on: closes,
          covers_from: opens,
          covers_to: closes,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  type IndicatorRow = Omit<Database["contest_indicators"], "id" | "position" | "code" | "title">;
  const base: IndicatorRow = {
    competition_id: id,
    unit: "万元",
    aggregation: "sum",
    method: "target",
    weight: null,
    cap: null,
    direction: null,
    per_unit: null,
    max_points: null,
    measure: null,
    confidential: 0,
  };
  const indicator = async (
    position: number,
    code: string,
    over: Partial<IndicatorRow> & { method: IndicatorRow["method"] },
  ) =>
    (
      await db
        .insertInto("contest_indicators")
        .values({ ...base, position, code, title: code, ...over })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  return {
    id,
    groups: { soe: await group(0, "省属国企组"), city: await group(1, "市总工会组") },
    periods: {
      q1: await period(0, "2018Q1", "2018-04-01", "2018-04-10"),
      q2: await period(1, "2018Q2", "2018-07-01", "2018-07-10"),
    },
    indicators: {
      invest: await indicator(0, "invest", { method: "target", weight: 30, cap: 1.2 }),
      households: await indicator(1, "households", { method: "rank", weight: 20, direction: "higher" }),
      award: await indicator(2, "award", { method: "bonus", per_unit: 2, max_points: 5 }),
      accident: await indicator(3, "accident", { method: "veto" }),
      vill: await indicator(4, "vill", {
        method: "target",
        weight: 10,
        aggregation: "latest",
        measure: "villages",
      }),
    },
  };
}
