import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { routeHarness } from "../support/remix";
import { writeProposedList } from "../support/proposed-list";
import { loadDemo, DEMO_2018_TITLE } from "../../seed/load";
import { getCompetition } from "~/models/competition.server";
import { openNotice } from "~/models/notice.server";
import { fileObjection, listObjections, resolveObjection } from "~/models/objection.server";
import { publish } from "~/models/publication.server";
import { decryptPersonal } from "~/utils/personal-data.server";
import * as home from "~/routes/_index";
import * as notices from "~/routes/notices._index";
import * as notice from "~/routes/notices.$competitionId";
import * as honors from "~/routes/honors._index";
import * as roll from "~/routes/honors.$competitionId._index";
import * as print from "~/routes/honors.$competitionId.print";
import * as exportRoute from "~/routes/honors.$competitionId.export";
import * as openData from "~/routes/honors.data[.]json";
import * as person from "~/routes/honors.people.$honoreeId._index";
import * as certificate from "~/routes/honors.people.$honoreeId.certificate";

// Every public page and export, with the demo data on notice and then published: no ID number,
// phone, full birth date or objector identity anywhere (docs/domain.md#notice, issue 5 item 7).
let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let competitionId: number;
const admin = { userId: null, label: "admin", ip: null };
const OBJECTOR = { name: "举报人欧阳某", contact: "13912345678" };
let secrets: string[] = [];
const seen: { path: string; text: string }[] = [];

async function visit(loader: Parameters<typeof h.get>[0], path: string, params: Record<string, string> = {}) {
  const out = await h.get(loader, path, { params });
  expect(out.status, path).toBe(200);
  seen.push({ path, text: typeof out.data === "string" ? out.data : JSON.stringify(out.data) });
  return out;
}

async function xlsxText(path: string): Promise<string> {
  const res = (await exportRoute.loader({
    request: new Request(`http://laurel.test${path}`),
    params: { competitionId: String(competitionId) },
    context: h.context,
  })) as Response;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
  return cells.join("\n");
}

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  await loadDemo(t.db, h.context.secrets.dataKey);
  const c = await t.db
    .selectFrom("competitions")
    .select("id")
    .where("title", "=", DEMO_2018_TITLE)
    .executeTakeFirstOrThrow();
  competitionId = c.id;
  const rows = await t.db
    .selectFrom("nominations")
    .select([
      "id",
      "category_id",
      "birth_date",
      "id_number_enc",
      "phone_enc",
      "id_number_masked",
      "phone_masked",
    ])
    .where("competition_id", "=", c.id)
    .orderBy("id")
    .execute();
  const key = h.context.secrets.dataKey;
  secrets = rows
    .flatMap((r) => [
      r.birth_date,
      r.id_number_masked,
      r.phone_masked,
      r.id_number_enc && decryptPersonal(key, r.id_number_enc),
      r.phone_enc && decryptPersonal(key, r.phone_enc),
    ])
    .filter((s): s is string => !!s);
  for (const categoryId of new Set(rows.map((r) => r.category_id))) {
    const mine = rows.filter((r) => r.category_id === categoryId).slice(0, 8);
    await writeProposedList(
      t.db,
      c.id,
      categoryId,
      mine.map((r, i) => ({ id: r.id, proposed: i < 6 })),
    );
  }
  process.env.LAUREL_TODAY = "2018-10-08";
  const comp = (await getCompetition(t.db, c.id))!;
  await t.db
    .transaction()
    .execute((trx) => openNotice(trx, admin, comp, { start: "2018-09-28", days: 5, unit: "working" }));
  const target = await t.db
    .selectFrom("nominations")
    .select("id")
    .where("competition_id", "=", c.id)
    .where("status", "=", "on_notice")
    .executeTakeFirstOrThrow();
  await t.db.transaction().execute((trx) =>
    fileObjection(trx, key, {
      competitionId: c.id,
      nominationId: target.id,
      facts: "反映情况。",
      ...OBJECTOR,
      ip: "127.0.0.1",
    }),
  );
});

afterAll(async () => {
  delete process.env.LAUREL_TODAY;
  await t?.destroy();
});

describe("every public page and export shows nothing private", () => {
  it("while on notice", async () => {
    await visit(home.loader, "/");
    await visit(notices.loader, "/notices");
    const page = await visit(notice.loader, `/notices/${competitionId}`, {
      competitionId: String(competitionId),
    });
    expect(page.data.entries.length).toBeGreaterThan(0);
  });

  it("once published", async () => {
    const [objection] = await listObjections(t.db, h.context.secrets.dataKey, competitionId);
    const comp = (await getCompetition(t.db, competitionId))!;
    await t.db.transaction().execute((trx) =>
      resolveObjection(trx, admin, comp, {
        objectionId: objection.id,
        outcome: "dismissed",
        reason: "不属实。",
        promote: false,
      }),
    );
    process.env.LAUREL_TODAY = "2018-10-10";
    await t.db.transaction().execute((trx) =>
      publish(trx, admin, comp, {
        docNumber: "陕工发〔2018〕12号",
        publishedOn: "2018-10-12",
        publishingOrgId: comp.org_id,
      }),
    );
    const id = String(competitionId);
    await visit(home.loader, "/");
    const list = await visit(roll.loader, `/honors/${id}`, { competitionId: id });
    const first = list.data.entries.rows[0];
    await visit(honors.loader, `/honors?q=${encodeURIComponent(first.name)}`);
    await visit(honors.loader, "/honors?year=2018&region=610100");
    for (const cat of list.data.categories)
      await visit(roll.loader, `/honors/${id}?category=${cat.id}`, { competitionId: id });
    await visit(print.loader, `/honors/${id}/print`, { competitionId: id });
    await visit(exportRoute.loader, `/honors/${id}/export?format=csv`, { competitionId: id });
    await visit(exportRoute.loader, `/honors/${id}/export?format=json`, { competitionId: id });
    await visit(openData.loader, "/honors/data.json");
    seen.push({ path: "xlsx", text: await xlsxText(`/honors/${id}/export?format=xlsx`) });
    const honorees = await t.db.selectFrom("honorees").select("id").execute();
    for (const { id: hid } of honorees) {
      await visit(person.loader, `/honors/people/${hid}`, { honoreeId: String(hid) });
      await visit(certificate.loader, `/honors/people/${hid}/certificate`, { honoreeId: String(hid) });
    }
    expect(seen.length).toBeGreaterThan(20);
  });

  it("none of it holds an ID number, phone, full birth date or the objector", () => {
    expect(secrets.length).toBeGreaterThan(100);
    const forbidden = [...secrets, OBJECTOR.name, OBJECTOR.contact];
    const leaks = seen.flatMap(({ path, text }) =>
      forbidden.filter((s) => text.includes(s)).map((s) => `${path}: ${s}`),
    );
    expect(leaks).toEqual([]);
    // The pages did show the people: names are public.
    expect(seen.some((s) => s.text.includes("陕工发〔2018〕12号"))).toBe(true);
  });
});
