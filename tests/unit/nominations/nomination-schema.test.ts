import { describe, expect, it } from "vitest";
import {
  collectiveNominationSchema,
  fieldIssues,
  individualNominationSchema,
  parseNomination,
} from "~/domain/nominations/nomination-schema";
import { makeId } from "./id-helpers";

const TODAY = "2018-09-28";
const ID = makeId("610102", "19800315", "123"); // male, 1980-03-15

const person: Record<string, unknown> = {
  kind: "个人",
  name: "张建国",
  gender: "男",
  ethnicity: "汉族",
  birth_date: "1980-03-15",
  political_status: "中共党员",
  education: "大专",
  workplace: "陕西某某机械有限公司",
  post: "数控车工",
  occupation_group: "一线职工",
  migrant: "否",
  sector: "非公企业",
  id_number: ID,
  phone: "138 1234 5678",
  summary: "扎根一线二十年。",
  deeds: "扎根一线二十年，攻克技术难题三十余项。",
};

const team: Record<string, unknown> = {
  kind: "collective",
  name: "某某车间数控班",
  collective_kind: "班组",
  member_count: "24",
  leader: "李红",
  deeds: "全年安全生产无事故。",
};

/** The first issue's field and key for the input with `changes` applied. */
function firstIssue(base: Record<string, unknown>, changes: Record<string, unknown>) {
  const r = parseNomination({ ...base, ...changes }, { today: TODAY });
  if (r.ok) return "accepted";
  return [r.issues[0].field, r.issues[0].messageKey, r.issues[0].params];
}

describe("individual nominations", () => {
  it("parses a complete Chinese row into stored values", () => {
    const r = parseNomination(person, { today: TODAY });
    expect(r).toEqual({
      ok: true,
      value: {
        kind: "individual",
        name: "张建国",
        gender: "male",
        ethnicity: "汉族",
        birth_date: "1980-03-15",
        political_status: "中共党员",
        education: "大专",
        workplace: "陕西某某机械有限公司",
        post: "数控车工",
        occupation_group: "frontline",
        migrant: false,
        sector: "non_public",
        id_number: ID,
        phone: "13812345678",
        summary: "扎根一线二十年。",
        deeds: "扎根一线二十年，攻克技术难题三十余项。",
      },
    });
  });
  it("reads English spellings, and takes birth date and gender from the ID number when left empty", () => {
    const r = individualNominationSchema({ today: TODAY }).parse({
      ...person,
      gender: "",
      birth_date: "",
      occupation_group: "Technical",
      migrant: "yes",
      sector: "",
      post: "",
      summary: "",
    });
    expect(r).toMatchObject({
      gender: "male",
      birth_date: "1980-03-15",
      occupation_group: "technical",
      migrant: true,
      sector: null,
      post: null,
    });
    expect(r.summary).toBe(person.deeds);
  });
  it("cuts a missing summary from the deeds at 500 characters, not UTF-16 units", () => {
    const deeds = "𠮷".repeat(600); // each one code point, two UTF-16 units
    const r = individualNominationSchema({ today: TODAY }).parse({ ...person, summary: undefined, deeds });
    expect([...r.summary]).toHaveLength(500);
  });
  it("counts code points: 3,000 astral characters are within the limit", () => {
    expect(firstIssue(person, { deeds: "𠮷".repeat(3000), summary: "𠮷".repeat(500) })).toBe("accepted");
  });
  it.each([
    [{ name: "" }, "name", "form.required"],
    [{ name: "   " }, "name", "form.required"],
    [{ name: undefined }, "name", "form.required"],
    [{ name: "名".repeat(51) }, "name", "form.tooLong", { max: 50 }],
    [{ gender: "M" }, "gender", "nomination.gender.invalid"],
    [{ gender: "女" }, "gender", "nomination.gender.idMismatch"],
    [{ ethnicity: "" }, "ethnicity", "form.required"],
    [{ birth_date: "1980/03/15" }, "birth_date", "form.date"],
    [{ birth_date: "1980-02-30" }, "birth_date", "form.date"],
    [{ birth_date: "2019-01-01" }, "birth_date", "nomination.birthDate.range"],
    [{ birth_date: "1899-12-31" }, "birth_date", "nomination.birthDate.range"],
    [{ birth_date: "1980-03-16" }, "birth_date", "nomination.birthDate.idMismatch"],
    [{ political_status: "" }, "political_status", "form.required"],
    [{ education: "" }, "education", "form.required"],
    [{ workplace: "" }, "workplace", "form.required"],
    [{ workplace: "厂".repeat(101) }, "workplace", "form.tooLong", { max: 100 }],
    [{ post: "职".repeat(51) }, "post", "form.tooLong", { max: 50 }],
    [{ occupation_group: "" }, "occupation_group", "form.required"],
    [{ occupation_group: "工人" }, "occupation_group", "nomination.occupationGroup.invalid"],
    [{ migrant: "" }, "migrant", "form.required"],
    [{ migrant: "不是" }, "migrant", "nomination.migrant.invalid"],
    [{ sector: "私企" }, "sector", "nomination.sector.invalid"],
    [{ id_number: "" }, "id_number", "form.required"],
    [{ id_number: ID.slice(0, 17) }, "id_number", "nomination.idNumber.length"],
    [{ id_number: `${ID.slice(0, 17)}Y` }, "id_number", "nomination.idNumber.characters"],
    [{ id_number: `${ID.slice(0, 17)}0` }, "id_number", "nomination.idNumber.checkDigit"],
    [{ id_number: makeId("610102", "19990231", "123") }, "id_number", "nomination.idNumber.birthDate"],
    [{ id_number: makeId("960102", "19800315", "123") }, "id_number", "nomination.idNumber.region"],
    [{ phone: "" }, "phone", "form.required"],
    [{ phone: "1381234567" }, "phone", "nomination.phone.format"],
    [{ phone: "87654321" }, "phone", "nomination.phone.format"],
    [{ summary: "字".repeat(501) }, "summary", "form.tooLong", { max: 500 }],
    [{ deeds: "" }, "deeds", "form.required"],
    [{ deeds: "字".repeat(3001) }, "deeds", "form.tooLong", { max: 3000 }],
    [{ kind: "" }, "kind", "form.required"],
    [{ kind: "团体" }, "kind", "nomination.kind.invalid"],
  ])("%#: %j → %s %s", (changes, field, key, params?) => {
    expect(firstIssue(person, changes)).toEqual([field, key, params]);
  });
  it.each([
    ["123", "nomination.idNumber.length"],
    [`${ID.slice(0, 17)}0`, "nomination.idNumber.checkDigit"],
    ["", "form.required"],
  ])(
    "an unusable ID number %j is one error, on the ID field: blank birth date and gender are not flagged",
    (id, key) => {
      const r = parseNomination({ ...person, id_number: id, birth_date: "", gender: "" }, { today: TODAY });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues).toEqual([{ field: "id_number", messageKey: key }]);
    },
  );
  it("reports every bad field of a row at once", () => {
    const r = individualNominationSchema({ today: TODAY }).safeParse({
      ...person,
      name: "",
      phone: "x",
      migrant: "?",
    });
    expect(r.success).toBe(false);
    expect(fieldIssues(r.error!).map((i) => i.field)).toEqual(["name", "migrant", "phone"]);
  });
});

describe("collective nominations", () => {
  it("parses a collective and ignores the individual columns of the sheet", () => {
    const r = parseNomination({ ...team, id_number: "", gender: "", migrant: "否" }, { today: TODAY });
    expect(r).toEqual({
      ok: true,
      value: {
        kind: "collective",
        name: "某某车间数控班",
        collective_kind: "team",
        member_count: 24,
        leader: "李红",
        sector: null,
        phone: null,
        summary: "全年安全生产无事故。",
        deeds: "全年安全生产无事故。",
      },
    });
  });
  it("takes a member count from an XLSX number, with thousands separators or full-width digits", () => {
    const schema = collectiveNominationSchema();
    expect(schema.parse({ ...team, member_count: 1200 }).member_count).toBe(1200);
    expect(schema.parse({ ...team, member_count: "1,200" }).member_count).toBe(1200);
    expect(schema.parse({ ...team, member_count: "２４" }).member_count).toBe(24);
    expect(schema.parse({ ...team, collective_kind: "" }).collective_kind).toBeNull();
  });
  it.each([
    [{ name: "" }, "name", "form.required"],
    [{ name: "集".repeat(101) }, "name", "form.tooLong", { max: 100 }],
    [{ collective_kind: "公司" }, "collective_kind", "nomination.collectiveKind.invalid"],
    [{ member_count: "" }, "member_count", "form.required"],
    [{ member_count: "0" }, "member_count", "nomination.memberCount.invalid"],
    [{ member_count: "-3" }, "member_count", "nomination.memberCount.invalid"],
    [{ member_count: "12.5" }, "member_count", "nomination.memberCount.invalid"],
    [{ member_count: "24人" }, "member_count", "nomination.memberCount.invalid"],
    [{ member_count: "12,34" }, "member_count", "nomination.memberCount.invalid"],
    [{ member_count: "2000000" }, "member_count", "nomination.memberCount.invalid"],
    [{ leader: "" }, "leader", "form.required"],
    [{ phone: "12345" }, "phone", "nomination.phone.format"],
    [{ sector: "民营" }, "sector", "nomination.sector.invalid"],
    [{ deeds: "" }, "deeds", "form.required"],
  ])("%#: %j → %s %s", (changes, field, key, params?) => {
    expect(firstIssue(team, changes)).toEqual([field, key, params]);
  });
});
