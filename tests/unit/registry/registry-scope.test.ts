import { describe, expect, it } from "vitest";
import { countyInScope, helperInScope, regionPrefix, registryScope } from "~/domain/registry/registry-scope";

const org = (
  path: string,
  region_code: string | null,
  kind = "city",
  name = "某市总工会",
  parent_id: number | null = 1,
) => ({ path, region_code, kind, name, parent_id });

describe("registry scope", () => {
  it("turns region codes into county-code prefixes", () => {
    expect(["610000", "610100", "610124", "610403", "611000"].map(regionPrefix)).toEqual([
      "61",
      "6101",
      "610124",
      "610403",
      "6110",
    ]);
  });

  it("gives a root org's admin everything, a city admin its counties and its subtree's helpers", () => {
    expect(registryScope([org("/1/", "610000", "provincial", "陕西省总工会", null)]).all).toBe(true);
    const xian = registryScope([org("/1/2/", "610100")]);
    expect(countyInScope(xian, { code: "610124", city: "西安市" })).toBe(true);
    expect(countyInScope(xian, { code: "610324", city: "宝鸡市" })).toBe(false);
    expect(helperInScope(xian, "/1/2/9/")).toBe(true);
    expect(helperInScope(xian, "/1/3/")).toBe(false);
    expect(helperInScope(xian, null)).toBe(false);
  });

  it("matches a city org without a code by its name", () => {
    const scope = registryScope([org("/1/5/", null, "city", "榆林市总工会")]);
    expect(countyInScope(scope, { code: "610828", city: "榆林市" })).toBe(true);
    expect(countyInScope(scope, { code: "610124", city: "西安市" })).toBe(false);
    expect(
      countyInScope(registryScope([org("/1/6/", null, "industry", "省建设工会")]), {
        code: "610124",
        city: "西安市",
      }),
    ).toBe(false);
  });
});
