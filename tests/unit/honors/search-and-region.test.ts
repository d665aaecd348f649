import { describe, expect, it } from "vitest";
import { lookupTerm, termsOf } from "~/domain/honors/search-terms";
import { escapeLike, regionPrefix } from "~/domain/honors/region";

describe("search terms", () => {
  it("index every bigram of names and workplaces, so a two-character name is a term", () => {
    expect(termsOf("张伟", "宝鸡石油")).toEqual(["张伟", "宝鸡", "鸡石", "石油"]);
    expect(termsOf("欧阳娜娜")).toEqual(["欧阳", "阳娜", "娜娜"]);
    expect(termsOf("王", null)).toEqual(["王"]);
  });

  it("look a query up by its first bigram; one character goes by the name index instead", () => {
    expect(lookupTerm(" 张伟 ")).toBe("张伟");
    expect(lookupTerm("石油机械")).toBe("石油");
    expect(lookupTerm("王")).toBeNull();
    expect(lookupTerm("  ")).toBeNull();
    expect(lookupTerm("ＡＢ")).toBe("ab");
  });
});

describe("regions", () => {
  it("select a province, a city or a county by the code's meaningful prefix", () => {
    expect(regionPrefix("610000")).toBe("61");
    expect(regionPrefix("610100")).toBe("6101");
    expect(regionPrefix("610124")).toBe("610124");
  });

  it("escape LIKE wildcards", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});
