import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "~/domain/csv";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes and both line ends", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n3,\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["3", ""],
    ]);
  });
  it("drops a UTF-8 BOM", () => {
    expect(parseCsv("\uFEFFname,kind\n甲,city")).toEqual([
      ["name", "kind"],
      ["甲", "city"],
    ]);
  });
  it("keeps line breaks inside quotes", () => {
    expect(parseCsv('a\n"line1\nline2"\n')).toEqual([["a"], ["line1\nline2"]]);
  });
  it("round-trips through toCsv", () => {
    const rows = [["名称", "note"], ['a"b', "c,d"], ["e\nf", ""]];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
