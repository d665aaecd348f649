import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { DomainError, NotFoundError } from "~/domain/errors";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { createOrg } from "~/models/org.server";
import { runAction, statusFor } from "~/utils/action.server";

// Issue #15 item 2: one helper opens an action's transaction and answers a rule's refusal.
let t: TestDatabase;
let context: AppLoadContext;

beforeAll(async () => {
  t = await createTestDatabase();
  context = { db: t.db } as unknown as AppLoadContext;
});
afterAll(() => t.destroy());

const posted = () => {
  const form = new FormData();
  form.set("name", "甲市总工会");
  form.set("_csrf", "token");
  form.set("password", "secret");
  return form;
};
const newOrg = (name: string) => ({ name, kind: "provincial" as const, regionCode: null });
const orgNamed = (name: string) =>
  t.db.selectFrom("orgs").select("id").where("name", "=", name).executeTakeFirst();
const auditOf = (name: string) =>
  t.db.selectFrom("audit_log").select("id").where("after_json", "like", `%${name}%`).execute();

/** What runAction answered without throwing, as status and body. */
function answered(value: unknown) {
  const { data, init } = value as { data: unknown; init: { status?: number } | null };
  return { status: init?.status, body: data };
}

describe("runAction", () => {
  it("commits the work and answers what it returns", async () => {
    const answer = await runAction(
      context,
      posted(),
      async (trx) => (await createOrg(trx, SYSTEM_ACTOR, null, newOrg("提交的工会"))).name,
    );
    expect(answer).toBe("提交的工会");
    expect(await orgNamed("提交的工会")).toBeDefined();
    expect(await auditOf("提交的工会")).toHaveLength(1);
  });

  it("rolls back every row written before a refusal and answers 400 beside the field, with the form's text values", async () => {
    const answer = await runAction(context, posted(), async (trx) => {
      await createOrg(trx, SYSTEM_ACTOR, null, newOrg("回滚的工会"));
      throw new DomainError("form.required", undefined, "name");
    });
    expect(answered(answer)).toEqual({
      status: 400,
      body: {
        ok: false,
        errors: { name: { key: "form.required", params: undefined } },
        values: { name: "甲市总工会" },
      },
    });
    expect(await orgNamed("回滚的工会")).toBeUndefined();
    expect(await auditOf("回滚的工会")).toEqual([]);
  });

  it("answers a refusal without a field on the form as a whole, with the status and body a page asks for", async () => {
    const answer = await runAction(
      context,
      posted(),
      async () => {
        throw new DomainError("judging.sheet.stale");
      },
      {
        statusOf: statusFor({ "judging.sheet.stale": 409 }),
        body: ({ errors, messageKey }) => ({ ok: false as const, errors, short: messageKey }),
      },
    );
    expect(answered(answer)).toEqual({
      status: 409,
      body: {
        ok: false,
        errors: { _form: { key: "judging.sheet.stale", params: undefined } },
        short: "judging.sheet.stale",
      },
    });
  });

  it("throws a model's scope refusals as the policy's 404 and 403 pages, after rolling back", async () => {
    const notFound = runAction(context, posted(), async (trx) => {
      await createOrg(trx, SYSTEM_ACTOR, null, newOrg("找不到的工会"));
      throw new NotFoundError();
    });
    await expect(notFound).rejects.toMatchObject({
      data: { messageKey: "error.404" },
      init: { status: 404 },
    });
    await expect(
      runAction(context, posted(), () => Promise.reject(new DomainError("error.403"))),
    ).rejects.toMatchObject({ data: { messageKey: "error.403" }, init: { status: 403 } });
    expect(await orgNamed("找不到的工会")).toBeUndefined();
  });

  it("lets any other failure propagate, rolled back", async () => {
    const fault = new Error("disk full");
    const failing = runAction(context, posted(), async (trx) => {
      await createOrg(trx, SYSTEM_ACTOR, null, newOrg("故障的工会"));
      throw fault;
    });
    await expect(failing).rejects.toBe(fault);
    expect(await orgNamed("故障的工会")).toBeUndefined();
  });

  it("holds the rule at compile time: a model function that must run in a transaction refuses a plain database", () => {
    // tsc fails on this file if createOrg ever takes a plain Kysely again (the directive goes unused).
    const plain = () =>
      // @ts-expect-error a Kysely<Database> is not a Transaction<Database>
      createOrg(t.db, SYSTEM_ACTOR, null, newOrg("不会写入的工会"));
    expect(typeof plain).toBe("function");
  });
});
