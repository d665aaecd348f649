import { describe, expect, it } from "vitest";
import { regionNames } from "~/domain/region-names";

describe("regionNames", () => {
  it("names counties with their city, cities from their counties, anything else after its union", () => {
    const names = regionNames(
      [{ code: "610122", name: "蓝田县", city: "西安市" }],
      [
        { region_code: "610000", name: "陕西省总工会" },
        { region_code: "610100", name: "西安市总工会" },
        { region_code: "610403", name: "杨凌示范区总工会" },
        { region_code: null, name: "某企业工会" },
      ],
    );
    expect(Object.fromEntries(names)).toEqual({
      "610000": "陕西省",
      "610100": "西安市",
      "610122": "西安市蓝田县",
      "610403": "杨凌示范区",
    });
  });
});
