import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg } from "../support/factories";
import { laurel, runLaurel } from "../support/cli";

/* Issue 19: `laurel user create … --email E` sets the address; one that is not an address is refused. */

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await makeOrg(t.db, null, { name: "邮件省总工会", kind: "provincial" });
});
afterAll(() => t.destroy());

const create = (username: string, ...more: string[]) => [
  "user",
  "create",
  "--username",
  username,
  "--org",
  "邮件省总工会",
  "--role",
  "nominator",
  ...more,
];

describe("laurel user create --email", () => {
  it("refuses an address that is not one with exit 2 and says so, creating nobody", async () => {
    const bad = await runLaurel(create("mail_bad", "--email", "not-an-address"), t.env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--email: This is not a valid e-mail address.");
    const lang = await runLaurel(create("mail_bad2", "--email", "a@b.cn", "--mail-language", "fr"), t.env);
    expect(lang.status).toBe(2);
    expect(await t.db.selectFrom("users").select("id").execute()).toEqual([]);
  });

  it("creates the user with the address and the mail language", async () => {
    const r = laurel(
      create("mail_ok", "--email", "zhang@example.org", "--mail-language", "en"),
      t.env,
      "a-long-password\n",
    );
    expect(r.status).toBe(0);
    const row = await t.db
      .selectFrom("users")
      .select(["email", "mail_language"])
      .where("username", "=", "mail_ok")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: "zhang@example.org", mail_language: "en" });
  });
});
