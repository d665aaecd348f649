import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { OrgRow } from "../app/models/org.server";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { advanceCompetition, createCompetition, getCompetition } from "../app/models/competition.server";
import { loadScheme } from "../app/models/contest-data.server";
import { bumpStandings } from "../app/models/contest.server";
import { CompetitionTemplateSchema } from "../app/domain/competitions/template";
import { seededRandom } from "../app/domain/seeded-random";
import { addDays } from "../app/domain/notice/iso-date";

export const DEMO_CONTEST_TITLE = "2018年全省国有企业脱贫攻坚主题竞赛";

/** The provincial SOE unions the contest's first group ranks (added to the tree by the demo). */
export const SOE_UNIONS: [string, string][] = [
  ["陕西煤业化工集团工会", "省能源化学地质工会"],
  ["延长石油集团工会", "省能源化学地质工会"],
  ["陕西建工集团工会", "省建设工会"],
];
const SOE_GROUP = ["陕西煤业化工集团工会", "延长石油集团工会", "大唐灞桥热电厂工会"];
const CITY_GROUP = ["西安市总工会", "宝鸡市总工会", "咸阳市总工会", "汉中市总工会", "延安市总工会"];

const SCHEME = {
  groups: ["省属国企组", "市总工会组"],
  periods: [
    { label: "2018Q1", opens: "2018-04-01", closes: "2018-04-15" },
    { label: "2018Q2", opens: "2018-07-01", closes: "2018-07-15" },
    { label: "2018Q3", opens: "2018-10-08", closes: "2018-10-22" },
    { label: "2018Q4", opens: "2019-01-02", closes: "2019-01-16" },
  ],
  indicators: [
    {
      code: "invest",
      title: "帮扶资金投入",
      unit: "万元",
      aggregation: "sum",
      method: "target",
      weight: 40,
      cap: 1.2,
    },
    {
      code: "households",
      title: "帮扶贫困户",
      unit: "户",
      aggregation: "sum",
      method: "rank",
      weight: 30,
      direction: "higher",
      measure: "households_helped",
    },
    {
      code: "jobs",
      title: "转移就业",
      unit: "人",
      aggregation: "sum",
      method: "rank",
      weight: 30,
      direction: "higher",
    },
    {
      code: "award",
      title: "获上级表彰",
      unit: "项",
      aggregation: "sum",
      method: "bonus",
      per_unit: 2,
      max_points: 6,
    },
    {
      code: "complaint",
      title: "有效投诉",
      unit: "起",
      aggregation: "sum",
      method: "deduction",
      per_unit: 1,
      max_points: 5,
      confidential: true,
    },
    { code: "accident", title: "重大安全生产事故", unit: "起", aggregation: "sum", method: "veto" },
  ],
};

type Status = "draft" | "submitted" | "returned" | "verified";
/** What differs from "verified, on time" in the demo's reports: every role's work on first sign-in. */
const SPECIAL: Record<string, { status: Status; late?: boolean; reason?: string; veto?: boolean }> = {
  "汉中市总工会/2018Q2": { status: "verified", veto: true },
  "咸阳市总工会/2018Q2": { status: "submitted", late: true },
  "西安市总工会/2018Q3": { status: "returned", reason: "转移就业人数与佐证材料不一致，请核实后重新提交。" },
  "宝鸡市总工会/2018Q3": { status: "submitted" },
  "陕西煤业化工集团工会/2018Q3": { status: "submitted" },
};

/**
 * The 2018 SOE poverty-relief contest (docs/domain.md#contest), in its running stage, its rows
 * written directly: two groups, four quarters, every method, reports for Q1–Q3 with one waiting
 * for verification, one returned, one late and one vetoed, and an application climbing the tree.
 */
export async function loadContestDemo(
  trx: Transaction<Database>,
  orgs: Map<string, OrgRow>,
  province: string,
): Promise<void> {
  const template = CompetitionTemplateSchema.parse({
    title: DEMO_CONTEST_TITLE,
    year: 2018,
    organizer: province,
    description:
      "各省属国有企业工会、各市总工会围绕帮扶投入、帮扶贫困户、转移就业开展脱贫攻坚主题竞赛，按季度考核，年终表扬。",
    stages: { running: ["2018-01-01", "2019-01-31"], nominating: ["2019-02-01", "2019-02-28"] },
    categories: [
      {
        name: "脱贫攻坚竞赛先进集体",
        kind: "collective",
        quota: 6,
        criteria: [{ title: "竞赛成绩", max_points: 100 }],
        allocations: ["省能源化学地质工会", "省建设工会", ...CITY_GROUP].map((org) => ({
          org,
          nominations: 1,
        })),
      },
    ],
    contest: SCHEME,
  });
  const id = await createCompetition(trx, SYSTEM_ACTOR, orgs.get(province)!, template);
  const outcome = await advanceCompetition(trx, SYSTEM_ACTOR, (await getCompetition(trx, id))!);
  if (!outcome.ok) throw new Error(`demo contest cannot run: ${JSON.stringify(outcome.refusals)}`);
  const scheme = (await loadScheme(trx, id))!;
  await trx.updateTable("contest_groups").set({ top_n: 2 }).where("competition_id", "=", id).execute();
  const at = "2018-03-15T02:00:00.000Z";
  // The public finds the board open: /contests lists it and the honor rolls link to it.
  await trx
    .updateTable("contests")
    .set({ board_public: 1, board_opened_at: at })
    .where("competition_id", "=", id)
    .execute();
  const participants = [
    ...SOE_GROUP.map((name) => ({ name, group: scheme.groups[0].id })),
    ...CITY_GROUP.map((name) => ({ name, group: scheme.groups[1].id })),
  ];
  const rng = seededRandom(1018);
  for (const p of participants) {
    const org = orgs.get(p.name)!;
    const row = await trx
      .insertInto("contest_participants")
      .values({
        competition_id: id,
        org_id: org.id,
        group_id: p.group,
        status: "admitted",
        admitted_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const yearTarget = 200 + 40 * Math.floor(rng() * 6);
    await trx
      .insertInto("contest_targets")
      .values({
        participant_id: row.id,
        indicator_id: scheme.indicators[0].id,
        period_id: null,
        target: yearTarget,
        updated_at: at,
      })
      .execute();
    for (const period of scheme.periods.slice(0, 3))
      await insertReport(trx, scheme, row.id, period, `${p.name}/${period.label}`, rng, yearTarget);
  }
  // 周至县 applies to the city group: its application waits for 西安市总工会, the union above it.
  await trx
    .insertInto("contest_participants")
    .values({
      competition_id: id,
      org_id: orgs.get("周至县总工会")!.id,
      group_id: scheme.groups[1].id,
      status: "applied",
      awaiting_org_id: orgs.get("西安市总工会")!.id,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await bumpStandings(trx, id);
}

type Scheme = NonNullable<Awaited<ReturnType<typeof loadScheme>>>;

async function insertReport(
  trx: Transaction<Database>,
  scheme: Scheme,
  participantId: number,
  period: Scheme["periods"][number],
  key: string,
  rng: () => number,
  yearTarget: number,
) {
  const special = SPECIAL[key] ?? { status: "verified" };
  const submitted = special.late ? addDays(period.closes, 9) : addDays(period.opens, 5);
  const verified = special.status === "verified";
  const r = await trx
    .insertInto("contest_reports")
    .values({
      participant_id: participantId,
      period_id: period.id,
      status: special.status,
      note: "",
      late: special.late ? 1 : 0,
      return_reason: special.reason ?? null,
      submitted_at: `${submitted}T02:00:00.000Z`,
      verified_at: verified ? `${addDays(submitted, 3)}T02:00:00.000Z` : null,
      created_at: `${submitted}T01:00:00.000Z`,
      updated_at: `${submitted}T02:00:00.000Z`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const value: Record<string, number> = {
    invest: Math.round((yearTarget / 4) * (0.7 + rng() * 0.6)),
    jobs: 20 + Math.floor(rng() * 80),
    award: rng() < 0.3 ? 1 : 0,
    complaint: rng() < 0.2 ? 1 : 0,
    accident: special.veto ? 1 : 0,
  };
  for (const indicator of scheme.indicators) {
    if (!(indicator.code in value)) continue;
    await trx
      .insertInto("contest_values")
      .values({ report_id: r.id, indicator_id: indicator.id, value: value[indicator.code] })
      .execute();
  }
  const event = (action: "submitted" | "returned" | "verified", day: string, reason: string | null = null) =>
    trx
      .insertInto("contest_report_events")
      .values({ report_id: r.id, action, reason, actor_label: "demo", at: `${day}T02:00:00.000Z` })
      .execute();
  await event("submitted", submitted);
  if (special.status === "returned") await event("returned", addDays(submitted, 2), special.reason);
  if (verified) await event("verified", addDays(submitted, 3));
}
