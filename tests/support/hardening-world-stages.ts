import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import {
  advanceCompetition,
  createCompetition,
  getCompetition,
  listCategories,
} from "~/models/competition.server";
import { createNomination, transitionNomination } from "~/models/nomination.server";
import { addNominationFiles } from "~/models/nomination-files.server";
import { addPanelJudge, assignPanel, listPanel } from "~/models/panel.server";
import { getJudgingCategory } from "~/models/judging-category.server";
import { saveScoreSheet } from "~/models/score-sheet.server";
import { openNotice } from "~/models/notice.server";
import { fileObjection } from "~/models/objection.server";
import { publish } from "~/models/publication.server";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { parseNomination } from "~/domain/nominations/nomination-schema";
import { addDays, chinaToday } from "~/domain/notice/iso-date";
import type { OrgRow } from "~/models/org.server";
import { makeId } from "../unit/nominations/id-helpers";

/** The orgs and judges the later stages need (a subset of the hardening world's). */
export interface StageCast {
  organizer: OrgRow;
  nominating: OrgRow[];
  judge: number;
}

let serial = 0;

function template(organizer: string, nominating: OrgRow[], year: number) {
  return CompetitionTemplateSchema.parse({
    title: `世界${year}年度竞赛${++serial}`,
    year,
    organizer,
    stages: {
      nominating: [`${year}-09-01`, `${year}-09-30`],
      judging: [`${year}-10-16`, `${year}-10-31`],
      notice: [`${year}-11-13`, `${year}-11-17`],
    },
    categories: [
      {
        name: "先进个人",
        kind: "individual",
        quota: 5,
        criteria: [{ title: "事迹突出", max_points: 100 }],
        allocations: nominating.map((o) => ({ org: o.name, nominations: 2 })),
      },
    ],
  });
}

async function advance(db: Kysely<Database>, id: number) {
  const outcome = await db
    .transaction()
    .execute(async (trx) => advanceCompetition(trx, SYSTEM_ACTOR, (await getCompetition(trx, id))!));
  if (!outcome.ok)
    throw new Error(`world competition ${id} cannot advance: ${JSON.stringify(outcome.refusals)}`);
}

function fields(i: number) {
  const parsed = parseNomination({
    kind: "individual",
    name: `候选人${i}`,
    gender: "",
    birth_date: "",
    ethnicity: "汉族",
    political_status: "群众",
    education: "大专",
    workplace: "某某机械厂",
    post: "车工",
    occupation_group: "frontline",
    migrant: "no",
    sector: "state",
    id_number: makeId("610102", "19800315", String(200 + i)),
    phone: "13912345678",
    summary: "扎根一线。",
    deeds: "扎根一线二十年。",
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** A competition in judging: one eligible nomination per nominating org, the judge on the panel and assigned every one. */
async function toJudging(db: Kysely<Database>, dataKey: Buffer, cast: StageCast, year: number) {
  const id = await db
    .transaction()
    .execute((trx) =>
      createCompetition(
        trx,
        SYSTEM_ACTOR,
        cast.organizer,
        template(cast.organizer.name, cast.nominating, year),
      ),
    );
  await advance(db, id); // nominating
  const [category] = await listCategories(db, id);
  const nominationIds: number[] = [];
  for (const org of cast.nominating) {
    const target = {
      competitionId: id,
      competitionYear: year,
      categoryId: category.id,
      categoryKind: "individual" as const,
      org,
    };
    const n = await db
      .transaction()
      .execute((trx) =>
        createNomination(trx, SYSTEM_ACTOR, dataKey, target, fields(++serial), { status: "submitted" }),
      );
    nominationIds.push(n.id);
  }
  await advance(db, id); // reviewing
  for (const [i, nominationId] of nominationIds.entries()) {
    await db
      .transaction()
      .execute((trx) =>
        transitionNomination(
          trx,
          SYSTEM_ACTOR,
          { id: nominationId, status: "submitted", org_path: cast.nominating[i].path },
          "eligible",
          "admin",
        ),
      );
  }
  await advance(db, id); // judging
  const cat = (await getJudgingCategory(db, category.id))!;
  await db.transaction().execute((trx) => addPanelJudge(trx, SYSTEM_ACTOR, cat, cast.judge));
  await db.transaction().execute((trx) => assignPanel(trx, SYSTEM_ACTOR, cat));
  const [member] = await listPanel(db, category.id);
  return { id, categoryId: category.id, cat, memberId: member.id, nominationIds };
}

/** Scores every assigned nomination (submitted), and goes on to `notice` with the proposed list frozen. */
async function judgeAndPropose(db: Kysely<Database>, j: Awaited<ReturnType<typeof toJudging>>) {
  const sheets: number[] = [];
  for (const nominationId of j.nominationIds) {
    await db
      .transaction()
      .execute((trx) =>
        saveScoreSheet(
          trx,
          SYSTEM_ACTOR,
          j.cat,
          { memberId: j.memberId, nominationId },
          { points: [90 - sheets.length], comment: "", version: 0, submit: true },
        ),
      );
    const sheet = await db
      .selectFrom("score_sheets")
      .select("id")
      .where("panel_member_id", "=", j.memberId)
      .where("nomination_id", "=", nominationId)
      .executeTakeFirstOrThrow();
    sheets.push(sheet.id);
  }
  await advance(db, j.id); // deciding
  await advance(db, j.id); // notice
  return (await getCompetition(db, j.id))!;
}

/**
 * Three competitions of the organizer past nominating: one in judging (the judge assigned to both
 * nominations, a file on the first), one on public notice with an open objection, one published.
 */
export async function makeStages(db: Kysely<Database>, dataKey: Buffer, cast: StageCast) {
  const judging = await toJudging(db, dataKey, cast, 2019);
  const png = { contentType: "image/png" as const, bytes: Buffer.from("89504e470d0a1a0a", "hex") };
  await db
    .transaction()
    .execute((trx) =>
      addNominationFiles(
        trx,
        SYSTEM_ACTOR,
        { id: judging.nominationIds[0], org_path: cast.nominating[0].path },
        [{ filename: "事迹.png", ...png }],
      ),
    );
  const { ref } = await db
    .selectFrom("nominations")
    .select("ref")
    .where("id", "=", judging.nominationIds[0])
    .executeTakeFirstOrThrow();
  const file = await db
    .selectFrom("nomination_files")
    .select("id")
    .where("nomination_id", "=", judging.nominationIds[0])
    .executeTakeFirstOrThrow();

  const today = chinaToday();
  const onNotice = await toJudging(db, dataKey, cast, 2020);
  const noticeRow = await judgeAndPropose(db, onNotice);
  await db
    .transaction()
    .execute((trx) =>
      openNotice(trx, SYSTEM_ACTOR, noticeRow, { start: addDays(today, -2), days: 5, unit: "working" }),
    );
  const objectionId = await db.transaction().execute((trx) =>
    fileObjection(trx, dataKey, {
      competitionId: onNotice.id,
      nominationId: onNotice.nominationIds[0],
      facts: "请核实其事迹材料。",
      name: "李明",
      contact: "13800000000",
      ip: null,
      today,
    }),
  );
  const sheet = await db
    .selectFrom("score_sheets")
    .select("id")
    .where("panel_member_id", "=", onNotice.memberId)
    .orderBy("id")
    .executeTakeFirstOrThrow();

  const done = await toJudging(db, dataKey, cast, 2018);
  const doneRow = await judgeAndPropose(db, done);
  await db
    .transaction()
    .execute((trx) =>
      openNotice(trx, SYSTEM_ACTOR, doneRow, { start: "2018-11-13", days: 5, unit: "working" }),
    );
  await db.transaction().execute((trx) =>
    publish(trx, SYSTEM_ACTOR, doneRow, {
      docNumber: "世工发〔2018〕1号",
      publishedOn: "2018-12-05",
      publishingOrgId: cast.organizer.id,
    }),
  );
  const doneSheet = await db
    .selectFrom("score_sheets")
    .select("id")
    .where("panel_member_id", "=", done.memberId)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const honoree = await db
    .selectFrom("honorees")
    .select("id")
    .where("competition_id", "=", done.id)
    .orderBy("id")
    .executeTakeFirstOrThrow();

  return {
    judging: {
      id: judging.id,
      categoryId: judging.categoryId,
      nominationId: judging.nominationIds[0],
      fileId: file.id,
      memberId: judging.memberId,
      ref,
    },
    notice: {
      id: onNotice.id,
      categoryId: onNotice.categoryId,
      nominationId: onNotice.nominationIds[0],
      objectionId,
      sheetId: sheet.id,
      memberId: onNotice.memberId,
    },
    published: { id: done.id, categoryId: done.categoryId, honoreeId: honoree.id, sheetId: doneSheet.id },
  };
}
