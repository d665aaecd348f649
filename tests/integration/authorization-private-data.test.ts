import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../seed/load";
import { decryptPersonal } from "~/utils/personal-data.server";
import { chinaToday } from "~/domain/notice/iso-date";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { addNominationFiles } from "~/models/nomination-files.server";
import { fileObjection } from "~/models/objection.server";
import * as deskIndex from "~/routes/judging._index";
import * as deskPage from "~/routes/judging.$nominationId";
import * as deskFile from "~/routes/judging.$nominationId_.files.$fileId";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { attempt } from "../support/hardening-outcome";
import { makeWorld, PNG_BYTES, VISITORS, type Visitor, type World } from "../support/hardening-world";
import { routeHarness } from "../support/remix";
import { fillPattern, loadRouteModule, routeManifest } from "../support/route-manifest";
import { defaultParams } from "./authorization-table";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let w: World;
/** Every nomination's full ID number and phone, and its birth date with the nominating org's path. */
let secrets: { idNumbers: string[]; phones: string[]; births: { date: string; orgPath: string }[] };

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  await loadDemo(t.db, h.context.secrets.dataKey);
  w = await makeWorld(t.db, h.context.secrets.dataKey);
  const rows = await t.db
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select(["id_number_enc", "phone_enc", "birth_date", "orgs.path"])
    .execute();
  const open = (v: string | null) => (v ? decryptPersonal(h.context.secrets.dataKey, v) : "");
  secrets = {
    idNumbers: rows.map((r) => open(r.id_number_enc)).filter(Boolean),
    phones: rows.map((r) => open(r.phone_enc)).filter(Boolean),
    births: rows.filter((r) => r.birth_date).map((r) => ({ date: r.birth_date!, orgPath: r.path })),
  };
});
afterAll(() => t.destroy());

/** May see the world nomination's birth date: its nominator and the organizer's admins. */
const ENTITLED_TO_BIRTH_DATE: readonly Visitor[] = ["nominator", "adminOrganizer"];
/** The subtree whose nominations' birth dates a visitor may see (the world's competitions are city A's). */
const birthSubtree = (visitor: Visitor) =>
  ({ nominator: w.orgs.county.path, nominatorOther: w.orgs.county2.path, adminOrganizer: w.orgs.cityA.path })[
    visitor as string
  ] ?? null;

/** The GET answers a visitor gets from every page of the manifest, plus the exports in each format. */
async function everyAnswer(
  visitor: Visitor,
  { params: over = {} }: { params?: Record<string, string> } = {},
): Promise<{ where: string; text: string }[]> {
  const out: { where: string; text: string }[] = [];
  for (const route of routeManifest()) {
    const mod = await loadRouteModule(route);
    if (!mod.loader) continue;
    const params = Object.fromEntries(route.params.map((p) => [p, over[p] ?? defaultParams(w)[p]]));
    for (const query of route.id.endsWith("export") ? ["", "?format=csv", "?format=json"] : [""]) {
      const res = await attempt(() =>
        h.get(mod.loader!, fillPattern(route, params) + query, {
          userId: visitor === "anonymous" ? undefined : w.users[visitor],
          params,
        }),
      );
      out.push({
        where: `${route.id}${query} (${res.status})`,
        text: typeof res.data === "string" ? res.data : JSON.stringify(res.data),
      });
    }
  }
  return out;
}

describe("private data never leaves in a page, loader data or export", () => {
  it("has private data to look for: the demo's nominations and the world's", () => {
    expect(secrets.idNumbers.length).toBeGreaterThan(1);
    expect(secrets.phones.length).toBeGreaterThan(1);
  });

  for (const visitor of VISITORS) {
    it(`shows ${visitor} no full ID number or phone anywhere, and birth dates only where entitled`, async () => {
      const leaks: string[] = [];
      const answers = await everyAnswer(visitor);
      if (ENTITLED_TO_BIRTH_DATE.includes(visitor)) {
        // The sweep does reach the dossier: the entitled see the masked form there.
        const masked = await t.db
          .selectFrom("nominations")
          .select("id_number_masked")
          .where("id", "=", w.nomination.id)
          .executeTakeFirstOrThrow();
        expect(answers.some((a) => a.text.includes(masked.id_number_masked!))).toBe(true);
      }
      for (const { where, text } of answers) {
        for (const id of secrets.idNumbers) if (text.includes(id)) leaks.push(`${where}: ID number ${id}`);
        for (const phone of secrets.phones) if (text.includes(phone)) leaks.push(`${where}: phone ${phone}`);
        const subtree = birthSubtree(visitor);
        // A date the visitor may see for one nomination cannot be told apart from the same date of another.
        const seeable = new Set(
          secrets.births.filter((b) => subtree && b.orgPath.startsWith(subtree)).map((b) => b.date),
        );
        for (const b of secrets.births)
          if (!seeable.has(b.date) && text.includes(b.date)) leaks.push(`${where}: birth date ${b.date}`);
      }
      expect(leaks).toEqual([]);
    });
  }

  it("shows an objector's identity to the organizer's admins only", async () => {
    // An identity found nowhere else in the data, filed on the world's running notice.
    const objector = { name: "异议人甄某某", contact: "objector-7781@example.cn" };
    await t.db.transaction().execute((trx) =>
      fileObjection(trx, h.context.secrets.dataKey, {
        competitionId: w.notice.id,
        nominationId: w.notice.nominationId,
        facts: "请核实。",
        ...objector,
        ip: null,
        today: chinaToday(),
      }),
    );
    const noticeParams = {
      competitionId: String(w.notice.id),
      categoryId: String(w.notice.categoryId),
      nominationId: String(w.notice.nominationId),
    };
    for (const visitor of VISITORS) {
      const seen = (await everyAnswer(visitor, { params: noticeParams })).filter(
        (a) => a.text.includes(objector.name) || a.text.includes(objector.contact),
      );
      if (visitor === "adminOrganizer")
        expect(
          seen.map((a) => a.where),
          "the objection queue shows the organizer's admins who objected",
        ).toContain(`routes/competitions.$competitionId.notice (200)`);
      else
        expect(
          seen.map((a) => a.where),
          visitor,
        ).toEqual([]);
    }
  });

  it("shows a blind-mode judge neither the nominee's name nor the nominating org", async () => {
    const judge = w.users.judgeAssigned;
    const assigned = await t.db
      .selectFrom("judge_assignments")
      .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
      .innerJoin("nominations", "nominations.id", "judge_assignments.nomination_id")
      .innerJoin("orgs", "orgs.id", "nominations.org_id")
      .select([
        "nominations.id",
        "nominations.name",
        "nominations.workplace",
        "nominations.id_number_masked",
        "nominations.org_id",
        "orgs.name as org_name",
      ])
      .where("panel_members.user_id", "=", judge)
      .where("panel_members.category_id", "=", w.judging.categoryId)
      .execute();
    expect(assigned.length).toBeGreaterThan(0);
    // A file named after the nominee, as union offices name scans.
    const first = assigned[0];
    const org = await t.db
      .selectFrom("orgs")
      .select("path")
      .where("id", "=", first.org_id)
      .executeTakeFirstOrThrow();
    await t.db
      .transaction()
      .execute((trx) =>
        addNominationFiles(trx, SYSTEM_ACTOR, { id: first.id, org_path: org.path }, [
          { filename: `${first.name}事迹材料.png`, contentType: "image/png", bytes: PNG_BYTES },
        ]),
      );
    const files = await t.db
      .selectFrom("nomination_files")
      .select(["id", "nomination_id"])
      .where(
        "nomination_id",
        "in",
        assigned.map((a) => a.id),
      )
      .execute();

    const desk = async () => {
      const out: { where: string; text: string }[] = [];
      const add = async (where: string, call: () => ReturnType<typeof h.get>) => {
        const res = await attempt(call);
        out.push({
          where: `${where} (${res.status})`,
          text: `${res.headers.get("content-disposition") ?? ""}\n${typeof res.data === "string" ? res.data : JSON.stringify(res.data)}`,
        });
      };
      await add("/judging", () => h.get(deskIndex.loader, "/judging", { userId: judge }));
      for (const a of assigned)
        await add(`/judging/${a.id}`, () =>
          h.get(deskPage.loader, `/judging/${a.id}`, {
            userId: judge,
            params: { nominationId: String(a.id) },
          }),
        );
      for (const f of files) {
        const params = { nominationId: String(f.nomination_id), fileId: String(f.id) };
        await add(`/judging/${f.nomination_id}/files/${f.id}`, () =>
          h.get(deskFile.loader, `/judging/${f.nomination_id}/files/${f.id}`, { userId: judge, params }),
        );
      }
      return out;
    };
    const giveaways = assigned
      .flatMap((a) => [a.name, a.org_name, a.workplace, a.id_number_masked])
      .filter((v): v is string => !!v);
    const found = (answers: { where: string; text: string }[]) =>
      answers.flatMap((a) => giveaways.filter((g) => a.text.includes(g)).map((g) => `${a.where}: ${g}`));

    // Not blind: the same walk does show them, so the check below can see a leak.
    expect(found(await desk()).length).toBeGreaterThan(0);
    await t.db.updateTable("categories").set({ blind: 1 }).where("id", "=", w.judging.categoryId).execute();
    try {
      const answers = await desk();
      expect(
        answers.every((a) => /\((200)\)/.test(a.where)),
        answers.map((a) => a.where).join(),
      ).toBe(true);
      expect(found(answers)).toEqual([]);
    } finally {
      await t.db.updateTable("categories").set({ blind: 0 }).where("id", "=", w.judging.categoryId).execute();
    }
  });
});
