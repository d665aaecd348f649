import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { runLaurel } from "../support/cli";

let t: TestDatabase;
let dir: string;
const env = () => ({ DATABASE_URL: t.url, ...t.env });
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-notice-cli-"));
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.destroy();
});

describe("laurel calendar import / notice end", () => {
  it("counts weekends only while the calendar is empty, and calendar days as they come", async () => {
    expect((await runLaurel(["notice", "end", "--start", "2018-09-28", "--days", "5"], env())).stdout).toBe(
      "2018-10-04\n",
    );
    expect(
      (await runLaurel(["notice", "end", "--start", "2018-09-28", "--days", "7", "--calendar-days"], env()))
        .stdout,
    ).toBe("2018-10-04\n");
  });

  it("imports the 2018 calendar, then skips National Day and counts the make-up weekend", async () => {
    const r = await runLaurel(["calendar", "import", path.resolve("seed/cn-calendar-2018.csv")], env());
    expect(r.status).toBe(0);
    const end = await runLaurel(
      ["notice", "end", "--start", "2018-09-28", "--days", "5", "--format", "json"],
      env(),
    );
    expect(JSON.parse(end.stdout)).toEqual({
      start: "2018-09-28",
      days: 5,
      unit: "working",
      first: "2018-09-28",
      last: "2018-10-09",
    });
  });

  it("updates a date in place on a second import, and reports refused rows with exit 3", async () => {
    const file = write("cal.csv", "日期,类型,说明\n2018-10-08,休息,延长假期\n2018-10-09,maybe,\n");
    const r = await runLaurel(["calendar", "import", file], env());
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("row 3\tkind");
    expect((await runLaurel(["notice", "end", "--start", "2018-09-28", "--days", "5"], env())).stdout).toBe(
      "2018-10-10\n",
    );
  });

  it("refuses bad arguments with exit 2", async () => {
    expect((await runLaurel(["notice", "end", "--start", "2018-02-30", "--days", "5"], env())).status).toBe(
      2,
    );
    expect((await runLaurel(["notice", "end", "--start", "2018-09-28", "--days", "0"], env())).status).toBe(
      2,
    );
  });
});
