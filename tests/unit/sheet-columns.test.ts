import { describe, expect, it } from "vitest";
import { isFatalHeader, mapHeader, readRow } from "~/domain/sheet-columns";
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
