import { describe, expect, it } from "vitest";
import { suggestPairings } from "~/domain/registry/matching";
import type { PairingRef, RegistryCounty, RegistryHelper } from "~/domain/registry/registry-types";

const helper = (
  id: string,
  kind: RegistryHelper["kind"],
  city: string,
  skills: string[],
  capacity = 1,
): RegistryHelper => ({
  id,
  kind,
  city,
  skills,
  capacity,
});
const county = (
  code: string,
  poverty_level: RegistryCounty["poverty_level"],
  city = "安康市",
  needs = ["茶叶"],
): RegistryCounty => ({
  code,
  city,
  poverty_level,
  needs,
});
const pair = (helper_id: string, county_code: string): PairingRef => ({ helper_id, county_code });
const pairsOf = (r: ReturnType<typeof suggestPairings>) =>
  r.suggestions.map((s) => `${s.helper_id}>${s.county_code}`).sort();

describe("matching rules", () => {
  it("prices a pairing: 0 same city, 3 elsewhere, 4 more without a shared skill", () => {
    const counties = [
      county("1", "poverty"),
      county("2", "poverty"),
      county("3", "poverty"),
      county("4", "poverty"),
    ];
    const helpers = [
      helper("A", "worker", "安康市", ["茶叶"]),
      helper("B", "worker", "西安市", ["茶叶"]),
      helper("C", "worker", "安康市", ["电商"]),
      helper("D", "worker", "西安市", ["电商"]),
    ];
    const r = suggestPairings({ helpers, counties, pairings: [] });
    expect(r.cost).toBe(0 + 3 + 4 + 7);
    expect(r.suggestions.map((s) => s.cost).sort((a, b) => a - b)).toEqual([0, 3, 4, 7]);
    expect(r).toMatchObject({ lower_bound: 14, optimal: true, gap: 0, unfilled: 0, uncovered: [] });
    const a = r.suggestions.find((s) => s.helper_id === "A")!;
    expect(a.reason).toEqual({ shared_skills: ["茶叶"], same_city: true, load: 1 });
  });

  it("counts existing pairings in the load term and in capacity", () => {
    const helpers = [
      helper("A", "worker", "安康市", ["茶叶"], 3),
      helper("B", "worker", "西安市", ["电商"], 1),
    ];
    const r = suggestPairings({
      helpers,
      counties: [county("1", "poverty"), county("9", "none")],
      pairings: [pair("A", "9")],
    });
    // A's second pairing costs 0 + 2; B costs 7.
    expect(r.suggestions).toEqual([
      {
        helper_id: "A",
        county_code: "1",
        cost: 2,
        reason: { shared_skills: ["茶叶"], same_city: true, load: 2 },
      },
    ]);
    const full = suggestPairings({
      helpers,
      counties: [county("1", "poverty"), county("9", "none")],
      pairings: [pair("A", "9"), pair("A", "8"), pair("A", "7")],
    });
    expect(pairsOf(full)).toEqual(["B>1"]);
  });

  it("spreads work only when that is cheaper: a second pairing (2) beats another city (3)", () => {
    const helpers = [
      helper("A", "worker", "安康市", ["茶叶"], 2),
      helper("B", "worker", "西安市", ["茶叶"], 2),
    ];
    const r = suggestPairings({
      helpers,
      counties: [county("1", "poverty"), county("2", "poverty")],
      pairings: [],
    });
    expect(pairsOf(r)).toEqual(["A>1", "A>2"]);
    expect(r.cost).toBe(2);
  });

  it("never suggests a pairing that exists, and counts it toward coverage", () => {
    const helpers = [
      helper("U1", "unit", "安康市", ["茶叶"], 5),
      helper("U2", "unit", "安康市", ["茶叶"], 5),
      helper("U3", "unit", "安康市", ["茶叶"], 5),
    ];
    const r = suggestPairings({ helpers, counties: [county("1", "deep")], pairings: [pair("U1", "1")] });
    expect(pairsOf(r)).toEqual(["U2>1", "U3>1"]);
    expect(r.cost).toBe(0);
  });

  it("chooses per deep county the kind that completes it cheapest, existing pairings of both kinds counted", () => {
    const counties = [county("1", "deep")];
    const pairings = [pair("U1", "1"), pair("U2", "1"), pair("W1", "1")];
    const units = [
      helper("U1", "unit", "x", []),
      helper("U2", "unit", "x", []),
      helper("U3", "unit", "西安市", []),
    ];
    const workers = [
      helper("W1", "worker", "x", []),
      helper("W2", "worker", "安康市", ["茶叶"]),
      helper("W3", "worker", "安康市", ["茶叶"]),
    ];
    // One more unit costs 7; two more workers cost 0.
    const r = suggestPairings({ helpers: [...units, ...workers], counties, pairings });
    expect(pairsOf(r)).toEqual(["W2>1", "W3>1"]);
    expect(r.deep_kinds).toEqual([{ county_code: "1", kind: "worker" }]);
    // With one worker missing, the kind that can be completed wins despite its cost.
    const short = suggestPairings({ helpers: [...units, ...workers.slice(0, 2)], counties, pairings });
    expect(pairsOf(short)).toEqual(["U3>1"]);
    expect(short).toMatchObject({
      cost: 7,
      unfilled: 0,
      optimal: true,
      deep_kinds: [{ county_code: "1", kind: "unit" }],
    });
  });

  it("treats a deep county with 3 of one kind as covered, whatever it lacks of the other", () => {
    const helpers = [
      helper("W1", "worker", "x", []),
      helper("W2", "worker", "x", []),
      helper("W3", "worker", "x", []),
      helper("U1", "unit", "安康市", ["茶叶"]),
    ];
    const pairings = ["W1", "W2", "W3"].map((w) => pair(w, "1"));
    const r = suggestPairings({ helpers, counties: [county("1", "deep"), county("2", "none")], pairings });
    expect(r).toMatchObject({ cost: 0, suggestions: [], uncovered: [], deep_kinds: [], optimal: true });
  });

  it("reports the places still missing when capacity runs out, leaving as few as possible", () => {
    const counties = [county("1", "deep"), county("2", "deep"), county("3", "poverty")];
    const helpers = [
      helper("U1", "unit", "安康市", ["茶叶"], 2),
      helper("U2", "unit", "安康市", ["茶叶"], 2),
      helper("W1", "worker", "西安市", [], 1),
    ];
    const r = suggestPairings({ helpers, counties, pairings: [] });
    // Four unit slots: one deep county complete, the other one short; the worker covers county 3.
    expect(r.unfilled).toBe(3 + 3 - 2 - 2);
    expect(r.uncovered.reduce((s, u) => s + u.need, 0)).toBe(2);
    expect(pairsOf(r)).toContain("W1>3");
    expect(r).toMatchObject({ optimal: true, unfilled_lower_bound: 2 });
    expect(r.cost).toBe(r.lower_bound);
  });

  it("prefers filling a place to any saving in cost", () => {
    // W1 costs 0 in county 1 and 7 in county 2, but it is the only worker county 2 can get.
    const helpers = [
      helper("W1", "worker", "安康市", ["茶叶"]),
      helper("U1", "unit", "安康市", ["茶叶"]),
      helper("W3", "worker", "汉中市", []),
      helper("W4", "worker", "汉中市", []),
    ];
    const counties = [county("1", "poverty"), county("2", "deep", "汉中市", ["核桃"])];
    const r = suggestPairings({ helpers, counties, pairings: [pair("W3", "2"), pair("W4", "2")] });
    expect(pairsOf(r)).toEqual(["U1>1", "W1>2"]);
    expect(r).toMatchObject({ cost: 7, unfilled: 0, optimal: true });
  });

  it("compares skills exactly after trimming", () => {
    const helpers = [helper("A", "worker", "西安市", [" 茶叶 "]), helper("B", "worker", "西安市", ["tea"])];
    const r = suggestPairings({
      helpers,
      counties: [county("1", "poverty", "安康市", ["茶叶"]), county("2", "poverty", "安康市", ["茶叶"])],
      pairings: [],
    });
    expect(r.suggestions.map((s) => [s.helper_id, s.cost]).sort()).toEqual([
      ["A", 3],
      ["B", 7],
    ]);
  });

  it("returns an empty, optimal answer when nothing is missing", () => {
    expect(suggestPairings({ helpers: [], counties: [county("1", "none")], pairings: [] })).toEqual({
      cost: 0,
      lower_bound: 0,
      gap: 0,
      optimal: true,
      unfilled: 0,
      unfilled_lower_bound: 0,
      suggestions: [],
      uncovered: [],
      deep_kinds: [],
    });
  });

  it("says so when no helper exists at all", () => {
    const r = suggestPairings({
      helpers: [],
      counties: [county("1", "deep"), county("2", "poverty")],
      pairings: [],
    });
    expect(r).toMatchObject({ cost: 0, unfilled: 4, unfilled_lower_bound: 4, optimal: true });
    expect(r.uncovered).toEqual([
      { county_code: "1", need: 3 },
      { county_code: "2", need: 1 },
    ]);
  });
});
