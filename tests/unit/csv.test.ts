import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CsvLimitError, CsvReader, parseCsv, toCsv } from "~/domain/csv";

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
    const rows = [
      ["名称", "note"],
      ['a"b', "c,d"],
      ["e\nf", ""],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
  it("reads the same rows whatever pieces the text arrives in", () => {
    const text = fc.stringMatching(/^(\uFEFF)?[a",\r\n字]{0,40}$/);
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 40 }), { maxLength: 6 }), (csv, cuts) => {
        const reader = new CsvReader();
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          reader.push(csv.slice(from, Math.max(from, cut)));
          from = Math.max(from, cut);
        }
        expect(reader.push(csv.slice(from)).end()).toEqual(parseCsv(csv));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("CsvReader limits", () => {
  const limits = { rows: 3, columns: 2, cellChars: 4, cells: 5 };
  const refusal = (csv: string) => {
    try {
      new CsvReader(limits).push(csv).end();
      return null;
    } catch (error) {
      return error instanceof CsvLimitError ? error.limit : error;
    }
  };
  it("refuses the first row, column, cell or character past a limit, and takes a sheet at the limits", () => {
    expect(refusal("a,b\nc,d\ne")).toBeNull();
    expect(refusal("a\nb\nc\nd")).toBe("rows");
    expect(refusal("a,b,c")).toBe("columns");
    expect(refusal('"abcde"')).toBe("cellChars");
    expect(refusal("a,b\nc,d\ne,f")).toBe("cells");
  });
});
