import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { makeProposedList } from "../support/proposed-list";
import { loadCalendarDemo } from "../../seed/calendar";
import { DomainError } from "~/domain/errors";
import { listDigest } from "~/domain/honors/digest";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { advanceCompetition, getCompetition } from "~/models/competition.server";
import { openNotice } from "~/models/notice.server";
import { fileObjection, listObjections, resolveObjection } from "~/models/objection.server";
import { publish, revoke } from "~/models/publication.server";
import { rollVersion } from "~/models/publication-refusals.server";
import { getHonoree, listRollEntries, searchHonorees } from "~/models/honor-roll.server";
import { decryptPersonal } from "~/utils/personal-data.server";
import crypto from "node:crypto";

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
let competitionId: number;
let categoryId: number;
let ids: number[];
const dataKey = crypto.randomBytes(32);
const admin = { userId: null, label: "admin", ip: null };

const competition = async () => (await getCompetition(t.db, competitionId))!;
const statusOf = async (id: number) =>
  (await t.db.selectFrom("nominations").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;
const inTrx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => t.db.transaction().execute(fn);
/** The competition is read before the transaction: SQLite has one connection, busy inside it. */
const withCompetition = async <T>(
  fn: (trx: Transaction<Database>, c: Awaited<ReturnType<typeof competition>>) => Promise<T>,
) => {
  const c = await competition();
  return inTrx((trx) => fn(trx, c));
};
const file = (nominationId: number, over: Partial<Parameters<typeof fileObjection>[2]> = {}) =>
  inTrx((trx) =>
    fileObjection(trx, dataKey, {
      competitionId,
      nominationId,
      facts: "该同志事迹材料与实际不符。",
      name: null,
      contact: null,
      ip: "10.0.0.1",
      ...over,
    }),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.transaction().execute((trx) => loadCalendarDemo(trx));
  tree = await makeTree(t.db);
  await makeUser(t.db, tree.province, ["admin"]);
  const made = await makeNominatingCompetition(t.db, tree, {
    cityA: 10,
    cityB: 10,
    county: 5,
    collective: 2,
  });
  competitionId = made.competitionId;
  categoryId = made.individual.id;
  // Quota 5 with 女性不少于40%: two women at least.
  await t.db
    .insertInto("composition_rules")
    .values({
      category_id: categoryId,
      position: 1,
      label: "女性不少于40%",
      attribute: "gender",
      values_json: '["female"]',
      op: "at_least",
      share: "0.4",
    })
    .execute();
  const org = tree.cityA.id;
  ids = await makeProposedList(t.db, competitionId, categoryId, [
    { name: "王强", orgId: org, proposed: true },
    { name: "李娜", gender: "female", orgId: org, proposed: true },
    { name: "张伟", orgId: tree.cityB.id, proposed: true },
    { name: "刘芳", gender: "female", orgId: org, proposed: true },
    { name: "陈军", orgId: tree.county.id, proposed: true },
    { name: "杨磊", orgId: org, proposed: false },
    { name: "赵敏", gender: "female", orgId: org, proposed: false, workplace: "宝鸡石油机械有限责任公司" },
  ]);
});

afterAll(async () => t?.destroy());
afterEach(() => {
  delete process.env.LAUREL_TODAY;
});

describe("opening the notice", () => {
  it("refuses a publication before any notice, naming the form as the way", async () => {
    const outcome = await withCompetition((trx, c) => advanceCompetition(trx, SYSTEM_ACTOR, c));
    expect(outcome).toEqual({
      ok: false,
      refusals: [{ messageKey: "notice.refuse.notOpened" }, { messageKey: "notice.refuse.useForm" }],
    });
  });

  it("computes the end from the 2018 calendar (National Day, make-up Saturdays) and puts the list on notice", async () => {
    const notice = await withCompetition((trx, c) =>
      openNotice(trx, admin, c, { start: "2018-09-28", days: 5, unit: "working" }),
    );
    expect([notice.starts_on, notice.ends_on]).toEqual(["2018-09-28", "2018-10-09"]);
    expect(await Promise.all(ids.map(statusOf))).toEqual([
      "on_notice",
      "on_notice",
      "on_notice",
      "on_notice",
      "on_notice",
      "scored",
      "scored",
    ]);
    await expect(
      withCompetition((trx, c) =>
        openNotice(trx, admin, c, { start: "2018-09-28", days: 5, unit: "working" }),
      ),
    ).rejects.toMatchObject({ messageKey: "notice.alreadyOpen" });
  });
});

describe("objections", () => {
  it("are taken only while the notice runs and only against entries on notice", async () => {
    process.env.LAUREL_TODAY = "2018-10-10";
    await expect(file(ids[0])).rejects.toMatchObject({ messageKey: "objection.closed" });
    process.env.LAUREL_TODAY = "2018-10-08";
    await expect(file(ids[5])).rejects.toMatchObject({ messageKey: "objection.entry" });
  });

  it("keep the objector's identity encrypted, for admins only, real names first", async () => {
    process.env.LAUREL_TODAY = "2018-10-08";
    await file(ids[0]);
    await file(ids[3], { name: "群众甲", contact: "029-12345678" });
    const stored = await t.db
      .selectFrom("objections")
      .selectAll()
      .where("nomination_id", "=", ids[3])
      .executeTakeFirstOrThrow();
    expect(stored.objector_name_enc).not.toContain("群众甲");
    expect(decryptPersonal(dataKey, stored.objector_name_enc!)).toBe("群众甲");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "objection.file")
      .execute();
    expect(audit.map((a) => a.after_json).join()).not.toContain("群众甲");
    const queue = await listObjections(t.db, dataKey, competitionId);
    expect(queue.map((o) => [o.nominee, o.objector_name, o.objector_contact])).toEqual([
      ["刘芳", "群众甲", "029-12345678"],
      ["王强", null, null],
    ]);
  });

  it("are rate-limited per sender", async () => {
    process.env.LAUREL_TODAY = "2018-10-08";
    for (let i = 0; i < 5; i++) await file(ids[1], { ip: "10.9.9.9" });
    await expect(file(ids[1], { ip: "10.9.9.9" })).rejects.toMatchObject({ messageKey: "objection.tooMany" });
    // Clean up: these five would otherwise block the publication.
    await t.db.deleteFrom("objections").where("nomination_id", "=", ids[1]).execute();
  });

  it("block the publication while open, and so does a notice not yet over", async () => {
    process.env.LAUREL_TODAY = "2018-10-09";
    const outcome = await withCompetition((trx, c) => advanceCompetition(trx, SYSTEM_ACTOR, c));
    expect(outcome).toEqual({
      ok: false,
      refusals: [
        { messageKey: "notice.refuse.notEnded", params: { end: "2018-10-09" } },
        { messageKey: "notice.refuse.openObjections", params: { count: 2 } },
        { messageKey: "notice.refuse.useForm" },
      ],
    });
    process.env.LAUREL_TODAY = "2018-10-10";
    await expect(
      withCompetition((trx, c) =>
        publish(trx, admin, c, {
          docNumber: "陕工发〔2018〕12号",
          publishedOn: "2018-10-12",
          publishingOrgId: tree.province.id,
        }),
      ),
    ).rejects.toMatchObject({
      messageKey: "notice.refuse.openObjections",
    });
  });

  it("upheld with no candidate that keeps the rules: refused, nothing changes", async () => {
    const [open] = (await listObjections(t.db, dataKey, competitionId)).filter((o) => o.nominee === "刘芳");
    // Without 赵敏 no promotion could keep two women on the list.
    await t.db.updateTable("nominations").set({ status: "ineligible" }).where("id", "=", ids[6]).execute();
    await expect(
      withCompetition((trx, c) =>
        resolveObjection(trx, admin, c, {
          objectionId: open.id,
          outcome: "upheld",
          reason: "经核实，事迹不实。",
          promote: true,
        }),
      ),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await statusOf(ids[3])).toBe("on_notice");
    await t.db.updateTable("nominations").set({ status: "scored" }).where("id", "=", ids[6]).execute();
  });

  it("upheld: the entry is withdrawn and the best-ranked candidate that keeps the rules is promoted", async () => {
    const [open] = (await listObjections(t.db, dataKey, competitionId)).filter((o) => o.nominee === "刘芳");
    const promoted = await withCompetition((trx, c) =>
      resolveObjection(trx, admin, c, {
        objectionId: open.id,
        outcome: "upheld",
        reason: "经核实，事迹不实。",
        promote: true,
      }),
    );
    // 杨磊 ranks higher but would leave one woman; 赵敏 keeps two.
    expect(promoted).toBe(ids[6]);
    expect(await statusOf(ids[3])).toBe("withdrawn");
    expect(await statusOf(ids[6])).toBe("on_notice");
    const entry = await t.db
      .selectFrom("proposed_entries")
      .select(["proposed", "position"])
      .where("nomination_id", "=", ids[6])
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ proposed: 1, position: 4 });
  });

  it("dismissed: needs its reason, changes no entry", async () => {
    const [open] = (await listObjections(t.db, dataKey, competitionId)).filter((o) => o.status === "open");
    await withCompetition((trx, c) =>
      resolveObjection(trx, admin, c, {
        objectionId: open.id,
        outcome: "dismissed",
        reason: "经核实，反映情况不属实。",
        promote: false,
      }),
    );
    expect(await statusOf(ids[0])).toBe("on_notice");
    await expect(
      withCompetition((trx, c) =>
        resolveObjection(trx, admin, c, {
          objectionId: open.id,
          outcome: "dismissed",
          reason: "再次",
          promote: false,
        }),
      ),
    ).rejects.toMatchObject({ messageKey: "objection.alreadyResolved" });
  });
});

describe("publication and revocation", () => {
  it("needs a document number, then commends the list, keeps its digest and moves to published", async () => {
    process.env.LAUREL_TODAY = "2018-10-10";
    await expect(
      withCompetition((trx, c) =>
        publish(trx, admin, c, {
          docNumber: " ",
          publishedOn: "2018-10-12",
          publishingOrgId: tree.province.id,
        }),
      ),
    ).rejects.toMatchObject({ messageKey: "publication.docNumber" });
    await expect(
      withCompetition((trx, c) =>
        publish(trx, admin, c, {
          docNumber: "陕工发〔2018〕12号",
          publishedOn: "2018-10-12",
          publishingOrgId: tree.cityA.id,
        }),
      ),
    ).rejects.toMatchObject({ messageKey: "publication.publishingOrg" });
    const before = await rollVersion(t.db);
    const { digest } = await withCompetition((trx, c) =>
      publish(trx, admin, c, {
        docNumber: "陕工发〔2018〕12号",
        publishedOn: "2018-10-12",
        publishingOrgId: tree.province.id,
      }),
    );
    expect((await competition()).stage).toBe("published");
    expect(await rollVersion(t.db)).toBe(before + 1);
    const rows = await listRollEntries(t.db, { categoryId });
    expect(rows.rows.map((r) => [r.position, r.name, r.region_code])).toEqual([
      [1, "王强", "610100"],
      [2, "李娜", "610100"],
      [3, "张伟", "610300"],
      [4, "赵敏", "610100"],
      [5, "陈军", "610124"],
    ]);
    const expected = listDigest({
      competition: "2018年度全省工会脱贫攻坚竞赛",
      year: 2018,
      doc_number: "陕工发〔2018〕12号",
      published_on: "2018-10-12",
      publishing_org: tree.province.name,
      categories: [
        {
          name: "先进个人",
          kind: "individual",
          entries: rows.rows.map((r) => ({
            position: r.position,
            name: r.name,
            gender: r.gender,
            workplace: r.workplace,
            post: r.post,
            org: r.org_name,
          })),
        },
      ],
    });
    expect(digest).toBe(expected);
    expect(await Promise.all(ids.map(statusOf))).toEqual([
      "commended",
      "commended",
      "commended",
      "withdrawn",
      "commended",
      "scored",
      "commended",
    ]);
  });

  it("finds a two-character name and a workplace among the honorees", async () => {
    expect((await searchHonorees(t.db, { q: "张伟" })).map((r) => r.name)).toEqual(["张伟"]);
    expect((await searchHonorees(t.db, { q: "石油机械" })).map((r) => r.name)).toEqual(["赵敏"]);
    expect((await searchHonorees(t.db, { q: "王" })).map((r) => r.name)).toEqual(["王强"]);
    expect(await searchHonorees(t.db, { q: "张伟", region: "610100" })).toEqual([]);
  });

  it("revokes a title: gone from the public roll, kept in the history", async () => {
    const [zhang] = await searchHonorees(t.db, { q: "张伟" });
    await expect(
      inTrx((trx) =>
        revoke(trx, admin, { competitionId, honoreeId: zhang.id, reason: "", revokedOn: "2019-03-01" }),
      ),
    ).rejects.toMatchObject({ messageKey: "publication.reasonRequired" });
    await inTrx((trx) =>
      revoke(trx, admin, {
        competitionId,
        honoreeId: zhang.id,
        reason: "因违纪被撤销。",
        revokedOn: "2019-03-01",
      }),
    );
    expect((await listRollEntries(t.db, { categoryId })).rows.map((r) => r.name)).toEqual([
      "王强",
      "李娜",
      "赵敏",
      "陈军",
    ]);
    expect(await searchHonorees(t.db, { q: "张伟" })).toEqual([]);
    expect((await getHonoree(t.db, zhang.id))?.revoked).toBe(1);
    expect(await statusOf(ids[2])).toBe("revoked");
    const history = await t.db.selectFrom("revocations").select(["reason", "revoked_on"]).execute();
    expect(history).toEqual([{ reason: "因违纪被撤销。", revoked_on: "2019-03-01" }]);
    await expect(
      inTrx((trx) =>
        revoke(trx, admin, { competitionId, honoreeId: zhang.id, reason: "再次", revokedOn: "2019-03-02" }),
      ),
    ).rejects.toMatchObject({ messageKey: "publication.alreadyRevoked" });
  });
});
