import { describe, expect, it } from "vitest";
import { isFatalHeader, mapHeader, normalizeHeader, readRow } from "~/domain/sheet-columns";
import { ORG_COLUMNS } from "~/models/org-import.server";

describe("mapHeader", () => {
  it("accepts English and Chinese headers in any order", () => {
    const map = mapHeader(["上级", "name", "类别", "REGION_CODE "], ORG_COLUMNS);
    expect(map.issues).toEqual([]);
    expect(readRow(["陕西省总工会", "甲", "city", "610100"], map)).toEqual({
      parent: "陕西省总工会",
      name: "甲",
      kind: "city",
      region_code: "610100",
    });
  });
  it("reports unknown columns without failing the sheet", () => {
    const map = mapHeader(["name", "kind", "parent", "备注"], ORG_COLUMNS);
    expect(map.issues).toEqual([
      { row: 1, column: "备注", messageKey: "import.unknownColumn", params: { column: "备注" } },
    ]);
    expect(isFatalHeader(map.issues)).toBe(false);
  });
  it("fails the sheet on a missing or doubled column", () => {
    const missing = mapHeader(["name", "kind"], ORG_COLUMNS);
    expect(missing.issues).toEqual([
      { row: 1, column: "parent", messageKey: "import.missingColumn", params: { column: "parent (上级)" } },
    ]);
    expect(isFatalHeader(missing.issues)).toBe(true);
    const doubled = mapHeader(["name", "名称", "kind", "parent"], ORG_COLUMNS);
    expect(doubled.issues.map((i) => i.messageKey)).toEqual(["import.duplicateColumn"]);
    expect(isFatalHeader(doubled.issues)).toBe(true);
  });
});

describe("normalizeHeader: one lenient comparison for every importer", () => {
  it("folds full-width forms, case, spaces, underscores and a required marker", () => {
    const same = (a: string, b: string) =>
      expect(normalizeHeader(a), `${a} vs ${b}`).toBe(normalizeHeader(b));
    same("姓名（名称）", "姓名(名称)");
    same("民　族", "民族");
    same(" 推荐 编号 ", "推荐编号");
    same("Birth Date", "birth_date");
    same("ＮＡＭＥ", "name");
    same("*姓名", "姓名");
    same("资金(元)", "资金（元）");
    expect(normalizeHeader("姓名")).not.toBe(normalizeHeader("名称"));
  });
  it("matches a column by an alias, and a lenient spelling of any importer's header", () => {
    const map = mapHeader(["Name", "类 别", "上级＊", "行政区划代码"], ORG_COLUMNS);
    expect(map.issues).toEqual([]);
    const aliased = mapHeader(
      ["名称"],
      [{ key: "name", en: "name", zh: "姓名/名称", aliases: ["名称"], required: true }],
    );
    expect(aliased.issues).toEqual([]);
    expect(aliased.index.get("name")).toBe(0);
  });
});
