import { describe, expect, it } from "vitest";
import { suggestPairings } from "~/domain/registry/matching";
import {
  CountyRowSchema,
  HelperRowSchema,
  PairingRowSchema,
  readHelperKind,
  readHonorLevel,
  readOwnership,
  readPovertyLevel,
  readTier,
  rowIssues,
} from "~/domain/registry/registry-rows";
import { parseTags } from "~/domain/registry/tags";

const helperRow = (over: Record<string, string> = {}) => ({
  id: "W1",
  kind: "worker",
  name: "张建国",
  city: "榆林市",
  skills: "红枣；电商",
  capacity: "2",
  level: "",
  title: "",
  year: "",
  ownership: "",
  workplace: "",
  contact: "",
  ...over,
});

describe("registry sheet rows", () => {
  it("reads enumerations in English or Chinese", () => {
    expect(
      ["deep", "深度贫困县", "poverty", "贫困县", "none", "非贫困县", "DEEP"].map(readPovertyLevel),
    ).toEqual(["deep", "deep", "poverty", "poverty", "none", "none", "deep"]);
    expect(["worker", "劳模", "unit", "劳模单位", "x"].map(readHelperKind)).toEqual([
      "worker",
      "worker",
      "unit",
      "unit",
      null,
    ]);
    expect(["national", "全国", "省级", "市级"].map(readHonorLevel)).toEqual([
      "national",
      "national",
      "provincial",
      "city",
    ]);
    expect(["province", "省", "市", "县", "county"].map(readTier)).toEqual([
      "province",
      "province",
      "city",
      "county",
      "county",
    ]);
    expect(["央企", "地方国企", "民营企业", "other"].map(readOwnership)).toEqual([
      "central_soe",
      "local_soe",
      "private",
      "other",
    ]);
  });

  it("normalizes tags and checks codes, years and capacity", () => {
    const county = CountyRowSchema.parse({
      code: "610828",
      name: "佳县",
      city: "榆林市",
      poverty_level: "深度贫困县",
      exited_year: "2019",
      needs: " 红枣 ; 电商；红枣 ",
    });
    expect(county).toEqual({
      code: "610828",
      name: "佳县",
      city: "榆林市",
      poverty_level: "deep",
      exited_year: 2019,
      needs: "红枣;电商",
    });
    const bad = CountyRowSchema.safeParse({
      code: "61082",
      name: "",
      city: "x",
      poverty_level: "赤贫",
      exited_year: "19",
      needs: "",
    });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(rowIssues(bad.error).map((i) => [i.column, i.messageKey])).toEqual([
        ["code", "form.regionCode"],
        ["name", "form.required"],
        ["poverty_level", "form.invalidChoice"],
        ["exited_year", "registry.row.year"],
      ]);
    }
    expect(HelperRowSchema.parse(helperRow())).toMatchObject({
      kind: "worker",
      skills: "红枣;电商",
      capacity: 2,
      level: null,
      contact: null,
    });
    for (const capacity of ["0", "1.5", "101", "abc"])
      expect(HelperRowSchema.safeParse(helperRow({ capacity })).success).toBe(false);
    expect(
      PairingRowSchema.safeParse({
        helper_id: "W1",
        county_code: "610828",
        tier: "省",
        started_on: "2018-02-30",
      }).success,
    ).toBe(false);
    expect(
      PairingRowSchema.parse({ helper_id: "W1", county_code: "610828", tier: "省", started_on: "" }),
    ).toEqual({ helper_id: "W1", county_code: "610828", tier: "province", started_on: null });
  });

  it("matches skills written in either language, each against its own spelling", () => {
    const helpers = [
      { id: "E", kind: "worker" as const, city: "Xi'an", skills: parseTags("e-commerce; tea"), capacity: 1 },
      { id: "Z", kind: "worker" as const, city: "Xi'an", skills: parseTags("茶叶；电商"), capacity: 1 },
    ];
    const counties = [
      { code: "1", city: "Xi'an", poverty_level: "poverty" as const, needs: parseTags("tea") },
      { code: "2", city: "Xi'an", poverty_level: "poverty" as const, needs: parseTags("电商") },
    ];
    const r = suggestPairings({ helpers, counties, pairings: [] });
    expect(r.cost).toBe(0);
    expect(r.suggestions.map((s) => [s.helper_id, s.county_code, s.reason.shared_skills])).toEqual([
      ["E", "1", ["tea"]],
      ["Z", "2", ["电商"]],
    ]);
  });
});
