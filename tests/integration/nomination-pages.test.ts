import ExcelJS from "exceljs";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stage } from "../../app/domain/competitions/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeOrg, makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";
import { parseCsv } from "~/domain/csv";
import { MAX_FILE_BYTES } from "~/domain/nominations/file-type";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { grantRole } from "~/models/user.server";
import { CSRF_COOKIE } from "~/utils/csrf.server";
import * as listPage from "~/routes/competitions.$competitionId.nominations._index";
import * as newPage from "~/routes/competitions.$competitionId.nominations.new";
import * as exportRoute from "~/routes/competitions.$competitionId.nominations.export";
import * as dossier from "~/routes/nominations.$nominationId._index";
import * as editPage from "~/routes/nominations.$nominationId.edit";
import * as fileRoute from "~/routes/nominations.$nominationId.files.$fileId";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let competitionId: number;
let individual: { id: number };
let collective: { id: number };
const u: Record<
  "admin" | "cityAdmin" | "nomA" | "nomB" | "nomCounty" | "nomBoth" | "judge" | "outsider",
  { id: number }
> = {} as never;

let seq = 101;
const nextId = () => makeId("610102", "19800315", String((seq += 2) % 1000).padStart(3, "0"));

function person(over: Record<string, string> = {}): Record<string, string> {
  return {
    name: "张建国",
    ethnicity: "汉族",
    political_status: "中共党员",
    education: "大专",
    workplace: "陕西某某机械有限公司",
    post: "数控车工",
    occupation_group: "frontline",
    migrant: "no",
    sector: "non_public",
    id_number: nextId(),
    phone: "13812345678",
    summary: "扎根一线二十年。",
    deeds: "扎根一线二十年，攻克技术难题三十余项。",
    ...over,
  };
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n", "latin1");
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

async function setStage(stage: Stage) {
  await t.db.updateTable("competitions").set({ stage }).where("id", "=", competitionId).execute();
}

const count = async (table: "nominations" | "nomination_files" | "audit_log") =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const params = () => ({ competitionId: String(competitionId) });
const nparams = (id: number) => ({ nominationId: String(id) });
const row = (id: number) =>
  t.db.selectFrom("nominations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** Posts a multipart form with files, as a browser does for the nomination form. */
async function postMultipart(
  action: (args: ActionFunctionArgs) => unknown,
  path: string,
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer; type?: string }[],
  { userId, params: p }: { userId: number; params: Record<string, string> },
) {
  const body = new FormData();
  body.set("_csrf", h.csrfToken);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files)
    body.append(
      "files",
      new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? "application/octet-stream" }),
    );
  const cookie = `${CSRF_COOKIE}=${h.csrfToken}; ${await h.sessionCookie(userId)}`;
  const request = new Request(`http://laurel.test${path}`, {
    method: "POST",
    body,
    headers: { cookie, host: "laurel.test", origin: "http://laurel.test" },
  });
  let value: unknown;
  try {
    value = await action({ request, params: p, context: h.context });
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, data: null as any, headers: value.headers };
  const d = value as { type?: string; data: any; init: ResponseInit | null };
  if (d?.type === "DataWithResponseInit")
    return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
  return { status: 200, data: value as any, headers: new Headers() };
}

async function file(
  userId: number,
  orgId: number,
  form: Record<string, string>,
  files: { name: string; bytes: Buffer }[] = [],
  categoryId = individual.id,
) {
  const res = await postMultipart(
    newPage.action,
    `/competitions/${competitionId}/nominations/new`,
    { category: String(categoryId), org: String(orgId), intent: "submit", ...form },
    files,
    { userId, params: params() },
  );
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  // "/nominations/12?done=submitted": the id, without the confirmation's query.
  return Number(new URL(res.headers.get("location")!, "http://x").pathname.split("/").pop());
}

let nomA1: number;
let nomB1: number;
let countyNom: number;
let fileA1: number;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  u.admin = await makeUser(t.db, tree.province, ["admin"]);
  u.cityAdmin = await makeUser(t.db, tree.cityA, ["admin"]);
  u.nomA = await makeUser(t.db, tree.cityA, ["nominator"]);
  u.nomB = await makeUser(t.db, tree.cityB, ["nominator"]);
  u.nomCounty = await makeUser(t.db, tree.county, ["nominator"]);
  u.nomBoth = await makeUser(t.db, tree.cityA, ["nominator"]);
  await t.db
    .transaction()
    .execute((trx) => grantRole(trx, SYSTEM_ACTOR, u.nomBoth.id, tree.cityB, "nominator"));
  u.judge = await makeUser(t.db, tree.province, ["judge"]);
  u.outsider = await makeUser(t.db, await makeOrg(t.db, null, { name: "外省总工会" }), [
    "nominator",
    "admin",
  ]);
  ({ competitionId, individual, collective } = await makeNominatingCompetition(t.db, tree, {
    cityA: 4,
    cityB: 2,
    county: 2,
    collective: 1,
  }));
  nomA1 = await file(u.nomA.id, tree.cityA.id, person({ name: "甲一" }), [
    { name: "事迹材料.pdf", bytes: PDF },
  ]);
  nomB1 = await file(u.nomB.id, tree.cityB.id, person({ name: "乙一" }));
  countyNom = await file(u.nomCounty.id, tree.county.id, person({ name: "县一" }));
  fileA1 = (
    await t.db
      .selectFrom("nomination_files")
      .select("id")
      .where("nomination_id", "=", nomA1)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.destroy());

describe("the nominations list", () => {
  const list = (userId: number | undefined, query = "") =>
    h.get(listPage.loader, `/competitions/${competitionId}/nominations${query}`, {
      userId,
      params: params(),
    });
  const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

  it("shows a nominator its org's nominations and those below it, with places per category", async () => {
    const res = await list(u.nomA.id);
    expect(res.status).toBe(200);
    expect(res.data.all).toBeNull();
    expect(names(res.data.own.rows)).toEqual(["县一", "甲一"]);
    expect(res.data.own.places).toEqual([
      { categoryId: individual.id, name: "先进个人", kind: "individual", places: 4, used: 1, canAdd: true },
      { categoryId: collective.id, name: "先进集体", kind: "collective", places: 1, used: 0, canAdd: true },
    ]);
    const b = await list(u.nomB.id);
    expect(names(b.data.own.rows)).toEqual(["乙一"]);
    expect(b.data.own.places[1]).toMatchObject({ places: 0, used: 0, canAdd: false });
    const county = await list(u.nomCounty.id);
    expect(names(county.data.own.rows)).toEqual(["县一"]);
  });

  it("lets a nominator of several orgs pick one, and refuses an org it does not hold", async () => {
    const first = await list(u.nomBoth.id);
    expect(first.data.nominating.map((o: { name: string }) => o.name)).toEqual(["甲市总工会", "乙市总工会"]);
    expect(first.data.own.org.id).toBe(tree.cityA.id);
    const picked = await list(u.nomBoth.id, `?org=${tree.cityB.id}`);
    expect(names(picked.data.own.rows)).toEqual(["乙一"]);
    expect((await list(u.nomB.id, `?org=${tree.cityA.id}`)).status).toBe(403);
  });

  it("shows the organizer's admins everything, with filters and counts per org and status", async () => {
    const res = await list(u.admin.id);
    expect(res.status).toBe(200);
    expect(names(res.data.all.rows)).toEqual(["乙一", "县一", "甲一"]);
    expect(res.data.all.counts.byStatus).toEqual([{ status: "submitted", count: 3 }]);
    expect(
      res.data.all.counts.byOrg.map((o: { orgName: string; count: number }) => [o.orgName, o.count]),
    ).toEqual([
      ["甲市总工会", 1],
      ["甲市某县总工会", 1],
      ["乙市总工会", 1],
    ]);
    const byOrg = await list(u.admin.id, `?org=${tree.cityB.id}`);
    expect(names(byOrg.data.all.rows)).toEqual(["乙一"]);
    expect((await list(u.admin.id, `?status=draft`)).data.all.rows).toEqual([]);
    expect((await list(u.admin.id, `?category=${collective.id}`)).data.all.rows).toEqual([]);
  });

  it("answers 400 for malformed filters and 404 for a malformed competition", async () => {
    for (const q of ["?status=lost", "?category=abc", "?org=-1", "?category=999999"])
      expect((await list(u.admin.id, q)).status, q).toBe(400);
    const res = await h.get(listPage.loader, "/competitions/x/nominations", {
      userId: u.admin.id,
      params: { competitionId: "x" },
    });
    expect(res.status).toBe(404);
  });

  it("refuses judges, admins below the organizer and nominators of other trees; sends the anonymous to sign in", async () => {
    expect((await list(u.judge.id)).status).toBe(403);
    expect((await list(u.cityAdmin.id)).status).toBe(403);
    expect((await list(u.outsider.id)).status).toBe(403);
    const anon = await list(undefined);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("offers a new nomination only while nominating", async () => {
    await setStage("reviewing");
    const res = await list(u.nomA.id);
    expect(res.data.own.places.every((p: { canAdd: boolean }) => !p.canAdd)).toBe(true);
    await setStage("nominating");
  });
});

describe("the dossier", () => {
  const view = (userId: number | undefined, id: number) =>
    h.get(dossier.loader, `/nominations/${id}`, { userId, params: nparams(id) });

  it("shows every field with the ID number and phone masked", async () => {
    const res = await view(u.nomA.id, nomA1);
    expect(res.status).toBe(200);
    const n = res.data.nomination;
    expect(n).toMatchObject({
      name: "甲一",
      ethnicity: "汉族",
      org_name: "甲市总工会",
      category_name: "先进个人",
      status: "submitted",
      phone_masked: "138****5678",
    });
    expect(n.id_number_masked).toMatch(/^6101\*{10}\d{3}[\dX]$/);
    expect(JSON.stringify(res.data)).not.toMatch(/_enc|id_number_hash|13812345678/);
    expect(res.data.files).toEqual([
      expect.objectContaining({
        filename: "事迹材料.pdf",
        content_type: "application/pdf",
        size: PDF.length,
      }),
    ]);
    expect(res.data.events.map((e: { action: string }) => e.action)).toEqual(["create", "submit"]);
    expect(res.data.consultations).toEqual([]);
    expect(res.data.nominatorSteps.map((s: { action: string }) => s.action)).toEqual(["withdraw"]);
    expect(res.data.reviewSteps).toEqual([]);
  });

  it("lets the nominating org's nominators above it and the organizer's admins in, nobody else", async () => {
    expect((await view(u.nomA.id, countyNom)).status).toBe(200);
    expect((await view(u.admin.id, nomA1)).status).toBe(200);
    for (const who of [u.nomB, u.nomCounty, u.judge, u.cityAdmin, u.outsider])
      expect((await view(who.id, nomA1)).status).toBe(403);
    expect((await view(undefined, nomA1)).status).toBe(302);
    for (const id of ["0", "abc", "99999"])
      expect(
        (await h.get(dossier.loader, "/n", { userId: u.admin.id, params: { nominationId: id } })).status,
      ).toBe(404);
  });

  it("reveals the full ID number and phone to an admin on request, and audits it", async () => {
    const before = await count("audit_log");
    const res = await h.post(
      dossier.action,
      "/n",
      { intent: "reveal" },
      { userId: u.admin.id, params: nparams(nomA1) },
    );
    expect(res.status).toBe(200);
    expect(res.data.revealed.phone).toBe("13812345678");
    expect(res.data.revealed.idNumber).toMatch(/^610102198003151\d{2}[\dX]$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await count("audit_log")).toBe(before + 1);
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: "nomination.reveal",
      entity: "nomination",
      entity_id: String(nomA1),
    });
    expect(entry.after_json).not.toContain("13812345678");
    const asNominator = await h.post(
      dossier.action,
      "/n",
      { intent: "reveal" },
      { userId: u.nomA.id, params: nparams(nomA1) },
    );
    expect(asNominator.status).toBe(403);
  });

  it("refuses the edit page to other orgs' nominators, judges and admins", async () => {
    const draft = await file(u.nomA.id, tree.cityA.id, person({ name: "草稿" }), [], individual.id).then(
      async (id) => {
        await t.db.updateTable("nominations").set({ status: "draft" }).where("id", "=", id).execute();
        return id;
      },
    );
    expect((await h.get(editPage.loader, "/e", { userId: u.nomA.id, params: nparams(draft) })).status).toBe(
      200,
    );
    for (const who of [u.nomB, u.judge, u.admin])
      expect((await h.get(editPage.loader, "/e", { userId: who.id, params: nparams(draft) })).status).toBe(
        403,
      );
    const post = await h.post(
      editPage.action,
      "/e",
      { intent: "save", version: "1", ...person({ name: "越权修改" }) },
      { userId: u.nomB.id, params: nparams(draft) },
    );
    expect(post.status).toBe(403);
    expect((await row(draft)).name).toBe("草稿");
  });
});

describe("attachments", () => {
  const download = (userId: number | undefined, nominationId: number, fileId: number) =>
    h.get(fileRoute.loader, `/nominations/${nominationId}/files/${fileId}`, {
      userId,
      params: { nominationId: String(nominationId), fileId: String(fileId) },
    });

  it("serves a file as a download with its checked type", async () => {
    const request = new Request(`http://laurel.test/nominations/${nomA1}/files/${fileA1}`, {
      headers: { cookie: await h.sessionCookie(u.nomA.id) },
    });
    const res = (await fileRoute.loader({
      request,
      params: { nominationId: String(nomA1), fileId: String(fileA1) },
      context: h.context,
    })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent("事迹材料.pdf")}`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await download(u.admin.id, nomA1, fileA1)).status).toBe(200);
  });

  it("refuses the file to other orgs' nominators, judges, and the anonymous", async () => {
    for (const who of [u.nomB, u.nomCounty, u.judge, u.cityAdmin]) {
      const res = await download(who.id, nomA1, fileA1);
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    }
    expect((await download(undefined, nomA1, fileA1)).status).toBe(302);
    expect((await download(u.nomB.id, nomB1, fileA1)).status).toBe(404);
    expect((await download(u.admin.id, nomA1, 0)).status).toBe(404);
  });

  it("refuses a .pdf that is really a PNG, or garbage, writing nothing", async () => {
    const before = [await count("nominations"), await count("nomination_files")];
    for (const [bytes, key] of [
      [PNG, "nomination.file.mismatch"],
      [Buffer.from("#!/bin/sh\nrm -rf /\n"), "nomination.file.type"],
    ] as const) {
      const res = await postMultipart(
        newPage.action,
        "/new",
        { category: String(individual.id), org: String(tree.cityA.id), intent: "submit", ...person() },
        [{ name: "证明.pdf", bytes, type: "application/pdf" }],
        { userId: u.nomA.id, params: params() },
      );
      expect(res.status).toBe(400);
      expect(res.data.errors.files.key).toBe(key);
      expect(res.data.values.name).toBe("张建国");
    }
    expect([await count("nominations"), await count("nomination_files")]).toEqual(before);
  });

  it("refuses a file over 10 MB with 413 and a message, keeping the typed fields", async () => {
    const before = [await count("nominations"), await count("nomination_files")];
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x20);
    PDF.copy(big);
    const res = await postMultipart(
      newPage.action,
      "/new",
      {
        category: String(individual.id),
        org: String(tree.cityA.id),
        intent: "submit",
        ...person({ name: "大文件" }),
      },
      [{ name: "扫描件.pdf", bytes: big }],
      { userId: u.nomA.id, params: params() },
    );
    expect(res.status).toBe(413);
    expect(res.data.errors.files).toEqual({
      key: "nomination.file.tooLarge",
      params: { name: "扫描件.pdf", max: 10 },
    });
    expect(res.data.values.name).toBe("大文件");
    expect([await count("nominations"), await count("nomination_files")]).toEqual(before);
  });

  it("refuses a form whose files together exceed the upload limit, before storing anything", async () => {
    const before = await count("nomination_files");
    const nine = Buffer.alloc(9 * 1024 * 1024, 0x20);
    PDF.copy(nine);
    const files = [1, 2, 3].map((i) => ({ name: `扫描${i}.pdf`, bytes: nine }));
    await expect(
      postMultipart(
        newPage.action,
        "/new",
        { category: String(individual.id), org: String(tree.cityA.id), intent: "submit", ...person() },
        files,
        { userId: u.nomA.id, params: params() },
      ),
    ).resolves.toMatchObject({
      status: 413,
      data: { messageKey: "nomination.file.requestTooLarge", params: { max: 24 } },
    });
    expect(await count("nomination_files")).toBe(before);
  });

  it("adds and removes files while the nomination is editable, and checks the CSRF token of a multipart form", async () => {
    await t.db.updateTable("nominations").set({ status: "draft" }).where("id", "=", nomB1).execute();
    const n = await row(nomB1);
    const add = await postMultipart(
      editPage.action,
      "/e",
      { intent: "save", version: String(n.version), ...person({ name: "乙一", id_number: "", phone: "" }) },
      [
        { name: "photo.png", bytes: PNG, type: "image/png" },
        { name: "scan", bytes: PDF },
      ],
      { userId: u.nomB.id, params: nparams(nomB1) },
    );
    expect(add.status).toBe(302);
    const files = await t.db
      .selectFrom("nomination_files")
      .select(["id", "filename", "content_type"])
      .where("nomination_id", "=", nomB1)
      .orderBy("id")
      .execute();
    expect(files.map((f) => [f.filename, f.content_type])).toEqual([
      ["photo.png", "image/png"],
      ["scan.pdf", "application/pdf"],
    ]);
    const del = await h.post(
      editPage.action,
      "/e",
      { intent: "deleteFile", fileId: String(files[0].id) },
      { userId: u.nomB.id, params: nparams(nomB1) },
    );
    expect(del.status).toBe(302);
    expect(
      await t.db.selectFrom("nomination_files").select("id").where("nomination_id", "=", nomB1).execute(),
    ).toHaveLength(1);
    const foreign = await h.post(
      editPage.action,
      "/e",
      { intent: "deleteFile", fileId: String(fileA1) },
      { userId: u.nomB.id, params: nparams(nomB1) },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors.files.key).toBe("nomination.file.notFound");
    const body = new FormData();
    body.set("_csrf", "forged");
    body.set("intent", "save");
    const request = new Request("http://laurel.test/e", {
      method: "POST",
      body,
      headers: {
        cookie: `${CSRF_COOKIE}=${h.csrfToken}; ${await h.sessionCookie(u.nomB.id)}`,
        host: "laurel.test",
      },
    });
    await expect(
      editPage.action({ request, params: nparams(nomB1), context: h.context }),
    ).rejects.toMatchObject({ init: { status: 403 } });
  });
});

describe("export", () => {
  const exportAs = async (userId: number | undefined, query: string) => {
    const headers: Record<string, string> = userId ? { cookie: await h.sessionCookie(userId) } : {};
    const request = new Request(
      `http://laurel.test/competitions/${competitionId}/nominations/export${query}`,
      { headers },
    );
    try {
      return (await exportRoute.loader({ request, params: params(), context: h.context })) as Response;
    } catch (thrown) {
      return thrown as Response;
    }
  };

  beforeAll(async () => {
    await file(
      u.nomA.id,
      tree.cityA.id,
      person({ name: '=HYPERLINK("http://evil")', workplace: "@SUM(A1)", post: "-1+1" }),
    );
  });

  it("exports CSV with masked personal data and neutralized formulas", async () => {
    const res = await exportAs(u.admin.id, "?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const raw = Buffer.from(await res.arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString("utf8");
    const [header, ...rows] = parseCsv(text);
    expect(header.slice(0, 6)).toEqual(["推荐编号", "奖项类别", "推荐单位", "类型", "状态", "姓名/名称"]);
    const evil = rows.find((r) => r[5].includes("HYPERLINK"))!;
    expect(evil[5]).toBe('\'=HYPERLINK("http://evil")');
    expect(evil[header.indexOf("工作单位")]).toBe("'@SUM(A1)");
    expect(evil[header.indexOf("职务")]).toBe("'-1+1");
    expect(evil[header.indexOf("联系电话")]).toBe("138****5678");
    expect(evil[header.indexOf("身份证号")]).toMatch(/^6101\*{10}/);
    expect(text).not.toContain("13812345678");
    expect(rows.find((r) => r[5] === "甲一")![header.indexOf("是否农民工")]).toBe("否");
  });

  it("exports XLSX, filtered like the list", async () => {
    const res = await exportAs(u.admin.id, `?format=xlsx&org=${tree.cityA.id}&status=submitted`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names: string[] = [];
    ws.eachRow((r, i) => {
      if (i > 1) names.push(String(r.getCell(6).value));
    });
    expect(names.sort()).toEqual(['\'=HYPERLINK("http://evil")', "甲一"].sort());
    expect(ws.getRow(1).getCell(17).value).toBe("身份证号");
  });

  it("is for the organizer's admins only", async () => {
    for (const who of [u.nomA, u.judge, u.cityAdmin])
      expect((await exportAs(who.id, "?format=csv")).status).toBe(403);
    expect((await exportAs(undefined, "?format=csv")).status).toBe(302);
    expect((await exportAs(u.admin.id, "?format=pdf")).status).toBe(400);
  });
});
