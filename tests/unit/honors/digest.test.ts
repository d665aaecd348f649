import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalList, listDigest, type CanonicalList } from "~/domain/honors/digest";
import { groupDigest } from "~/domain/honors/digest-format";

const list: CanonicalList = {
  competition: "2018年度全省工会脱贫攻坚竞赛",
  year: 2018,
  doc_number: "陕工发〔2018〕12号",
  published_on: "2018-10-12",
  publishing_org: "陕西省总工会",
  categories: [
    {
      name: "先进个人",
      kind: "individual",
      entries: [
        {
          position: 1,
          name: "王强",
          gender: "male",
          workplace: "陕西某某机械有限公司",
          post: "班组长",
          org: "西安市总工会",
        },
        { position: 2, name: "李娜", gender: "female", workplace: null, post: null, org: "宝鸡市总工会" },
      ],
    },
  ],
};

describe("the digest of a published list", () => {
  it("is stable: the same list gives the same canonical bytes and SHA-256, whatever the key or entry order", () => {
    const shuffled: CanonicalList = {
      publishing_org: list.publishing_org,
      categories: [{ ...list.categories[0], entries: [...list.categories[0].entries].reverse() }],
      published_on: list.published_on,
      doc_number: list.doc_number,
      year: list.year,
      competition: list.competition,
    };
    expect(canonicalList(shuffled)).toBe(canonicalList(list));
    expect(listDigest(shuffled)).toBe(listDigest(list));
    // Pinned: a change to the canonical form would break every printed copy's check.
    expect(listDigest(list)).toMatchInlineSnapshot(
      `"40e1bbda27981e76cf6b9c56430b44bf95bca6f5756d6abb9a625161ece2c007"`,
    );
  });

  it("changes with any published fact", () => {
    const renamed = {
      ...list,
      categories: [
        {
          ...list.categories[0],
          entries: [{ ...list.categories[0].entries[0], name: "王刚" }, list.categories[0].entries[1]],
        },
      ],
    };
    expect(listDigest(renamed)).not.toBe(listDigest(list));
    expect(listDigest({ ...list, doc_number: "陕工发〔2018〕13号" })).not.toBe(listDigest(list));
  });

  it("writes keys sorted, no whitespace, text in NFC", () => {
    expect(canonicalJson({ b: 1, a: ["x", null], c: { e: "e\u0301", d: true } })).toBe(
      '{"a":["x",null],"b":1,"c":{"d":true,"e":"é"}}',
    );
  });

  it("prints in groups of eight", () => {
    expect(groupDigest("0123456789abcdef01")).toBe("01234567 89abcdef 01");
  });
});
