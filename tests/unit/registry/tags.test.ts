import { describe, expect, it } from "vitest";
import { parseTags, sharedTags } from "~/domain/registry/tags";

describe("skill and need tags", () => {
  it("splits on ; and ；, trims, drops empty and repeated tags", () => {
    expect(parseTags(" 猕猴桃；乡村旅游;电商 ;; 电商 ")).toEqual(["猕猴桃", "乡村旅游", "电商"]);
    expect(parseTags("")).toEqual([]);
    expect(parseTags(null)).toEqual([]);
  });

  it("compares tags exactly: no translation, no case folding", () => {
    expect(sharedTags(["苹果", "Tourism"], ["apple", "tourism", "苹果"])).toEqual(["苹果"]);
  });
});
