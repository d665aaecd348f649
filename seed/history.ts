import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { CompetitionTemplate } from "../app/domain/competitions/template";
import type { OrgRow } from "../app/models/org.server";
import { type Actor, SYSTEM_ACTOR } from "../app/models/audit.server";
import {
  advanceCompetition,
  createCompetition,
  getCompetition,
  type CompetitionRow,
} from "../app/models/competition.server";
import { createNomination, transitionNomination } from "../app/models/nomination.server";
import { addPanelJudge, assignPanel, listPanel } from "../app/models/panel.server";
import { getJudgingCategory } from "../app/models/judging-category.server";
import { saveScoreSheet } from "../app/models/score-sheet.server";
import { openNotice } from "../app/models/notice.server";
import { fileObjection } from "../app/models/objection.server";
import { publish } from "../app/models/publication.server";
import { addDays, chinaToday } from "../app/domain/notice/iso-date";
import { collective, individual, seeded, type Rng } from "./people";

/**
 * The demo's competitions that went the whole way: the 2017 one judged, on notice and published
 * (its honor roll is public), and a 2018 one whose proposed list is on public notice now, with one
 * objection waiting. Both run through the same model functions the pages use.
 */

export const DEMO_2017_TITLE = "2017年度全省工会脱贫攻坚竞赛";
export const DEMO_2018_NOTICE_TITLE = "2018年度全省五一劳动奖章和工人先锋号";

const CRITERIA = [
  { title: "事迹突出", max_points: 40, description: "在岗位和脱贫攻坚中贡献突出，事迹真实感人" },
  { title: "示范带动", max_points: 30, description: "发挥示范带动作用" },
  { title: "工作成效", max_points: 30, description: "成效明显，群众认可" },
];

interface Plan {
  title: string;
  year: number;
  description: string;
  collective: { name: string; quota: number; perUnion: number };
  individual: { name: string; quota: number; perUnion: number };
}

function templateOf(p: Plan, unions: string[], organizer: string): CompetitionTemplate {
  const category = (
    c: Plan["collective"],
    kind: "individual" | "collective",
    rules: CompetitionTemplate["categories"][number]["rules"],
  ) => ({
    name: c.name,
    kind,
    quota: c.quota,
    aggregation: "trimmed" as const,
    judges_per_nomination: null,
    blind: false,
    honor_level: kind === "individual" ? ("provincial" as const) : null,
    honor_title: kind === "individual" ? "陕西省劳动模范" : null,
    criteria: CRITERIA,
    rules,
    allocations: unions.map((org) => ({ org, nominations: c.perUnion })),
  });
  return {
    title: p.title,
    year: p.year,
    organizer,
    description: p.description,
    notice: { days: 5, unit: "working" },
    stages: {
      nominating: [`${p.year}-09-01`, `${p.year}-09-30`],
      judging: [`${p.year}-10-16`, `${p.year}-10-31`],
      notice: [`${p.year}-11-13`, `${p.year}-11-17`],
    },
    categories: [
      category(p.collective, "collective", []),
      category(p.individual, "individual", [
        {
          label: "一线职工不少于40%",
          attribute: "occupation_group",
          values: ["frontline"],
          op: "at_least",
          share: "0.4",
        },
        {
          label: "机关干部不超过10%",
          attribute: "occupation_group",
          values: ["official"],
          op: "at_most",
          share: "0.1",
        },
      ]),
    ],
  };
}

async function advance(trx: Transaction<Database>, id: number): Promise<CompetitionRow> {
  const outcome = await advanceCompetition(trx, SYSTEM_ACTOR, (await getCompetition(trx, id))!);
  if (!outcome.ok)
    throw new Error(`demo competition ${id} cannot advance: ${JSON.stringify(outcome.refusals)}`);
  return (await getCompetition(trx, id))!;
}

async function fileNominations(
  trx: Transaction<Database>,
  c: CompetitionRow,
  plan: Plan,
  unions: OrgRow[],
  dataKey: Buffer,
  rng: Rng,
) {
  const categories = await trx
    .selectFrom("categories")
    .select(["id", "kind"])
    .where("competition_id", "=", c.id)
    .execute();
  for (const org of unions) {
    for (const cat of categories) {
      const n = plan[cat.kind].perUnion;
      for (let i = 0; i < n; i++) {
        const fields =
          cat.kind === "individual"
            ? individual(rng, org.region_code ?? "610100")
            : collective(rng, org.name.replace(/总工会$|工会$/, ""));
        const target = {
          competitionId: c.id,
          competitionYear: c.year,
          categoryId: cat.id,
          categoryKind: cat.kind,
          org,
        };
        await createNomination(trx, SYSTEM_ACTOR, dataKey, target, fields, { status: "submitted" });
      }
    }
  }
  return categories;
}

async function markAllEligible(trx: Transaction<Database>, competitionId: number) {
  const rows = await trx
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select(["nominations.id", "nominations.status", "orgs.path as org_path"])
    .where("competition_id", "=", competitionId)
    .execute();
  for (const n of rows) await transitionNomination(trx, SYSTEM_ACTOR, n, "eligible", "admin");
}

/** Every demo judge on every panel; each scores what it is assigned, from a seeded "true quality". */
async function judgeAll(trx: Transaction<Database>, categoryIds: number[], rng: Rng) {
  const judges = await trx
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("username", "like", "judge%")
    .orderBy("username")
    .execute();
  const quality = new Map<number, number>();
  for (const categoryId of categoryIds) {
    const cat = (await getJudgingCategory(trx, categoryId))!;
    for (const j of judges) await addPanelJudge(trx, SYSTEM_ACTOR, cat, j.id);
    await assignPanel(trx, SYSTEM_ACTOR, cat);
    const members = await listPanel(trx, categoryId);
    const assignments = await trx
      .selectFrom("judge_assignments")
      .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
      .select(["judge_assignments.panel_member_id", "judge_assignments.nomination_id"])
      .where("panel_members.category_id", "=", categoryId)
      .execute();
    for (const a of assignments) {
      if (!quality.has(a.nomination_id)) quality.set(a.nomination_id, 0.55 + rng.next() * 0.4);
      const q = quality.get(a.nomination_id)!;
      const points = cat.criteria.map((cr) =>
        Math.min(
          cr.maxPoints,
          Math.max(0, Math.round(cr.maxPoints * (q + (rng.next() - 0.5) * 0.15) * 2) / 2),
        ),
      );
      const member = members.find((m) => m.id === a.panel_member_id);
      const actor: Actor = { userId: null, label: member ? String(member.display_name) : "judge", ip: null };
      await saveScoreSheet(
        trx,
        actor,
        cat,
        { memberId: a.panel_member_id, nominationId: a.nomination_id },
        { points, comment: "", version: 0, submit: true },
      );
    }
  }
}

/** From a blank template to a competition whose proposed lists are on notice from `noticeStart`. */
async function runToNotice(
  trx: Transaction<Database>,
  plan: Plan,
  organizer: OrgRow,
  unions: OrgRow[],
  dataKey: Buffer,
  noticeStart: string,
  rng: Rng,
) {
  const id = await createCompetition(
    trx,
    SYSTEM_ACTOR,
    organizer,
    templateOf(
      plan,
      unions.map((u) => u.name),
      organizer.name,
    ),
  );
  let c = await advance(trx, id); // nominating
  const categories = await fileNominations(trx, c, plan, unions, dataKey, rng);
  await advance(trx, id); // reviewing
  await markAllEligible(trx, id);
  await advance(trx, id); // judging
  await judgeAll(
    trx,
    categories.map((cat) => cat.id),
    rng,
  );
  await advance(trx, id); // deciding
  c = await advance(trx, id); // notice: the proposed lists are frozen
  await openNotice(trx, SYSTEM_ACTOR, c, { start: noticeStart, days: 5, unit: "working" });
  return (await getCompetition(trx, id))!;
}

export async function loadCompetitionHistory(
  trx: Transaction<Database>,
  orgs: Map<string, OrgRow>,
  organizerName: string,
  unionNames: string[],
  dataKey: Buffer,
): Promise<void> {
  const organizer = orgs.get(organizerName)!;
  const unions = unionNames.map((n) => orgs.get(n)!);
  const rng = seeded(2017);

  const c2017 = await runToNotice(
    trx,
    {
      title: DEMO_2017_TITLE,
      year: 2017,
      description: "表彰2017年度在全省工会脱贫攻坚工作中作出突出贡献的先进集体和先进个人。",
      collective: { name: "先进集体", quota: 33, perUnion: 3 },
      individual: { name: "先进个人", quota: 77, perUnion: 7 },
    },
    organizer,
    unions,
    dataKey,
    "2017-11-13",
    rng,
  );
  await publish(trx, SYSTEM_ACTOR, c2017, {
    docNumber: "陕工发〔2017〕45号",
    publishedOn: "2017-12-05",
    publishingOrgId: organizer.id,
  });

  // On notice since two days ago, so the notice runs (day 1 is never later than today) and the
  // public can read it and object while the demo is tried.
  const today = chinaToday();
  const c2018 = await runToNotice(
    trx,
    {
      title: DEMO_2018_NOTICE_TITLE,
      year: 2018,
      description: "评选表彰全省在生产建设中作出突出贡献的职工和班组。",
      collective: { name: "工人先锋号", quota: 10, perUnion: 1 },
      individual: { name: "五一劳动奖章", quota: 20, perUnion: 2 },
    },
    organizer,
    unions,
    dataKey,
    addDays(today, -2),
    rng,
  );
  const first = await trx
    .selectFrom("nominations")
    .select("id")
    .where("competition_id", "=", c2018.id)
    .where("status", "=", "on_notice")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await fileObjection(trx, dataKey, {
    competitionId: c2018.id,
    nominationId: first.id,
    facts: "据反映，该同志所在单位2018年发生过一起安全生产事故，请核实其事迹材料中“安全生产零事故”的表述。",
    name: "李明",
    contact: "13800000000",
    ip: null,
    today,
  });
}
