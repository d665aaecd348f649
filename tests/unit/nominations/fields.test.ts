import { describe, expect, it } from "vitest";
import {
  canonicalAttributeValue,
  CollectiveKind,
  Gender,
  NominationKind,
  OccupationGroup,
  parseYesNo,
  Sector,
} from "~/domain/nominations/fields";
import { normalizePhone } from "~/domain/nominations/phone";

describe("enumerations in both languages", () => {
  it.each([
    [Gender, "男", "male"],
    [Gender, "Female", "female"],
    [Gender, "女性", "female"],
    [OccupationGroup, "一线职工", "frontline"],
    [OccupationGroup, "专业技术人员", "technical"],
    [OccupationGroup, "企业负责人", "manager"],
    [OccupationGroup, "机关干部", "official"],
    [OccupationGroup, "其他", "other"],
    [OccupationGroup, " TECHNICAL ", "technical"],
    [Sector, "国有企业", "state"],
    [Sector, "非公企业", "non_public"],
    [Sector, "non-public", "non_public"],
    [Sector, "Non Public", "non_public"],
    [Sector, "机关事业单位", "public_institution"],
    [Sector, "农村", "rural"],
    [Sector, "other", "other"],
    [CollectiveKind, "企业", "enterprise"],
    [CollectiveKind, "班组", "team"],
    [CollectiveKind, "车间", "workshop"],
    [CollectiveKind, "村", "village"],
    [CollectiveKind, "机关单位", "org"],
    [CollectiveKind, "ORG", "org"],
    [NominationKind, "个人", "individual"],
    [NominationKind, "集体", "collective"],
    [NominationKind, "Collective", "collective"],
  ])("%#: reads %s", (e, raw, value) => {
    expect(e.parse(raw as string)).toBe(value);
  });
  it("refuses what it does not know", () => {
    expect(Gender.parse("M")).toBeNull();
    expect(OccupationGroup.parse("工人")).toBeNull();
    expect(Sector.parse("")).toBeNull();
    expect(NominationKind.parse("团体")).toBeNull();
  });
  it("names each value in Chinese and gives label keys", () => {
    expect(OccupationGroup.zh.frontline).toBe("一线职工");
    expect(Sector.zh.public_institution).toBe("机关事业单位");
    expect(CollectiveKind.labelKey("workshop")).toBe("collectiveKind.workshop");
    expect(Gender.values).toEqual(["male", "female"]);
  });
  it("reads yes/no in every accepted spelling", () => {
    for (const v of ["是", "yes", "YES", "true", "1", "１"]) expect(parseYesNo(v), v).toBe(true);
    for (const v of ["否", "no", "False", "0"]) expect(parseYesNo(v), v).toBe(false);
    for (const v of ["", "是的", "2", "maybe"]) expect(parseYesNo(v), v).toBeNull();
  });
  it("matches rule values in either spelling", () => {
    expect(canonicalAttributeValue("occupation_group", "一线职工")).toBe("frontline");
    expect(canonicalAttributeValue("sector", "非公企业")).toBe("non_public");
    expect(canonicalAttributeValue("migrant", "是")).toBe("true");
    expect(canonicalAttributeValue("ethnicity", " 回族 ")).toBe("回族");
    expect(canonicalAttributeValue("gender", "x")).toBeNull();
  });
});

describe("normalizePhone", () => {
  it.each([
    ["13812345678", "13812345678"],
    ["138 1234 5678", "13812345678"],
    ["+86 138-1234-5678", "13812345678"],
    ["029-87654321", "029-87654321"],
    ["(029) 8765 4321", "029-87654321"],
    ["010-6512345", "010-6512345"],
    ["0917-3212345", "0917-3212345"],
    ["029-87654321转123", "029-87654321-123"],
    ["029 87654321 ext. 8", "029-87654321-8"],
  ])("reads %s", (raw, out) => {
    expect(normalizePhone(raw)).toBe(out);
  });
  it.each([
    "",
    "12812345678",
    "1381234567",
    "138123456789",
    "87654321",
    "029-1234567",
    "029-876543210",
    "phone",
  ])("refuses %j", (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});
