import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEET_LIMITS } from "~/domain/nominations/upload-limits";
import { translate } from "~/i18n";
import { importNominations } from "~/models/nomination-import.server";
import { importOrgs } from "~/models/org-import.server";
import type { Actor } from "~/models/audit.server";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree } from "../support/factories";

/*
 * Issue 16 item 6: Excel on Chinese Windows saves CSV in GBK (contained in GB18030), and every such
 * file was refused as "not UTF-8". The fixtures were written with `iconv -t gb18030` from their
 * UTF-8 twins; the few bytes built here come from this table (checked against iconv).
 */
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const GB18030: Record<string, number[]> = {
  张: [0xd5, 0xc5],
  三: [0xc8, 0xfd],
  名: [0xc3, 0xfb],
  称: [0xb3, 0xc6],
  // Outside GBK: four bytes in GB18030.
  "\u{20000}": [0x95, 0x32, 0x82, 0x36],
};
const gb = (text: string) =>
  Buffer.from([...text].flatMap((ch) => GB18030[ch] ?? [...Buffer.from(ch, "latin1")]));
const ACTOR: Actor = { userId: null, label: "cli", ip: null };
const MIB = 1024 * 1024;

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
});
afterAll(async () => t.destroy());

/** `length` bytes of short ASCII rows, ending with a line break. */
function padding(length: number): Buffer {
  const pad = Buffer.alloc(length, "aaaaaaa\n");
  pad[length - 1] = 0x0a;
  return pad;
}

const refusal = async (bytes: Buffer) => {
  try {
    await readSheet(bytes);
    return null;
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
    return error.message;
  }
};

describe("readSheet: the encoding of a CSV", () => {
  it("reads a GB18030 (GBK) CSV exactly as its UTF-8 twin", async () => {
    const utf8 = await readSheet(fs.readFileSync(path.join(FIXTURES, "nominations-individual-zh.csv")));
    const gbk = await readSheet(fs.readFileSync(path.join(FIXTURES, "nominations-individual-gb18030.csv")));
    expect(gbk).toEqual(utf8);
    expect(gbk[1].slice(0, 5)).toEqual(["GR-001", "先进个人", "甲市总工会", "个人", "张建国"]);
  });

  it("reads UTF-8 with and without a BOM, and GB18030's four-byte characters", async () => {
    const rows = [["名称"], ["张三"]];
    expect(await readSheet(Buffer.from("\uFEFF名称\r\n张三\r\n", "utf8"))).toEqual(rows);
    expect(await readSheet(Buffer.from("名称\n张三\n", "utf8"))).toEqual(rows);
    expect(await readSheet(gb("名称\n张三\n"))).toEqual(rows);
    expect(await readSheet(gb("名称\n\u{20000}三\n"))).toEqual([["名称"], ["\u{20000}三"]]);
  });

  it("keeps a character cut by the 1 MiB piece edge whole, in either encoding", async () => {
    for (const ch of ["张", "\u{20000}"]) {
      const bytes = gb(ch);
      for (let cut = 1; cut < bytes.length; cut++) {
        // The character's first `cut` bytes end the first piece; the rest begin the second.
        const head = gb("名称\n");
        const file = Buffer.concat([head, padding(MIB - head.length - cut), bytes, gb("三\n")]);
        expect(file.indexOf(Buffer.from(bytes)), `${ch} cut after ${cut}`).toBe(MIB - cut);
        const rows = await readSheet(file);
        expect(rows[0]).toEqual(["名称"]);
        expect(rows.at(-1)).toEqual([`${ch}三`]);
      }
    }
    const utf8 = Buffer.concat([padding(MIB - 1), Buffer.from("张三\n", "utf8")]);
    expect((await readSheet(utf8)).at(-1)).toEqual(["张三"]);
  });

  it("still applies the sheet limits to a GB18030 file", async () => {
    const wide = gb(`${Array.from({ length: SHEET_LIMITS.columns + 1 }, () => "张").join(",")}\n`);
    expect(await refusal(wide)).toBe("import.limit.columns");
  });

  it("refuses bytes that are neither, saying which encodings are read, in both languages", async () => {
    expect(await refusal(Buffer.from([0x41, 0xff, 0x2c, 0x0a]))).toBe("import.badEncoding");
    // A UTF-8 BOM promises UTF-8: a broken byte after it is not read as GB18030 instead.
    expect(await refusal(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gb("张三\n")]))).toBe(
      "import.badEncoding",
    );
    expect(translate("zh-CN", "import.badEncoding")).toContain("GB18030");
    expect(translate("en", "import.badEncoding")).toContain("GB18030");
  });
});

describe("imports of GB18030 CSV files", () => {
  it("imports the GB18030 nominations fixture with its Chinese names intact", async () => {
    const { competitionId } = await makeNominatingCompetition(t.db, tree, {
      cityA: 3,
      cityB: 3,
      county: 3,
      collective: 3,
    });
    const rows = await readSheet(fs.readFileSync(path.join(FIXTURES, "nominations-individual-gb18030.csv")));
    const report = await importNominations(
      t.db,
      ACTOR,
      crypto.randomBytes(32),
      { competitionId, categoryName: "先进个人" },
      rows,
    );
    expect(report).toEqual({ imported: 3, refused: 0, issues: [] });
    const names = await t.db
      .selectFrom("nominations")
      .select(["ref", "name", "ethnicity"])
      .where("competition_id", "=", competitionId)
      .orderBy("ref")
      .execute();
    expect(names).toEqual([
      { ref: "GR-001", name: "张建国", ethnicity: "汉族" },
      { ref: "GR-002", name: "李秀兰", ethnicity: "回族" },
      { ref: "GR-003", name: "王芳", ethnicity: "汉族" },
    ]);
  });

  it("imports a GB18030 org sheet, four-byte characters included", async () => {
    const rows = await readSheet(fs.readFileSync(path.join(FIXTURES, "orgs-gb18030.csv")));
    expect(await importOrgs(t.db, ACTOR, rows)).toEqual({ imported: 2, refused: 0, issues: [] });
    const orgs = await t.db
      .selectFrom("orgs")
      .select("name")
      .where("name", "in", ["\u{20000}乡工会", "䶮村工会"])
      .orderBy("name")
      .execute();
    expect(orgs.map((o) => o.name).sort()).toEqual(["\u{20000}乡工会", "䶮村工会"].sort());
  });
});
