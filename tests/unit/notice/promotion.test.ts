import { describe, expect, it } from "vitest";
import { chooseReplacement, meetsRules } from "~/domain/notice/promotion";
import type { CompositionRule } from "~/domain/judging/composition-rules";

const women40: CompositionRule = {
  label: "女性不少于40%",
  attribute: "gender",
  values: ["女"],
  op: "at_least",
  share: "0.4",
};
const managers20: CompositionRule = {
  label: "企业负责人不超过20%",
  attribute: "occupation_group",
  values: ["manager"],
  op: "at_most",
  share: "0.2",
};
const m = { gender: "male", occupation_group: "frontline" };
const f = { gender: "female", occupation_group: "frontline" };
const boss = { gender: "female", occupation_group: "manager" };

describe("promotion after an upheld objection", () => {
  it("takes the best-ranked candidate whose taking keeps every rule", () => {
    const kept = [m, f, m, m];
    const candidates = [
      { id: 6, rank: 6, attributes: m },
      { id: 7, rank: 7, attributes: f },
    ];
    expect(chooseReplacement({ quota: 5, rules: [women40], kept, candidates })?.id).toBe(7);
    expect(chooseReplacement({ quota: 5, rules: [], kept, candidates })?.id).toBe(6);
  });

  it("respects at-most rules too, and gives none when nobody fits or the list is full", () => {
    const kept = [m, f, boss, m];
    expect(
      chooseReplacement({
        quota: 5,
        rules: [women40, managers20],
        kept,
        candidates: [{ id: 8, rank: 6, attributes: boss }],
      }),
    ).toBeNull();
    expect(
      chooseReplacement({ quota: 4, rules: [], kept, candidates: [{ id: 9, rank: 6, attributes: m }] }),
    ).toBeNull();
  });

  it("skips a nominee the committee removed and takes the next one (issue #16)", () => {
    const candidates = [
      { id: 3, rank: 3, attributes: m, removedByCommittee: true },
      { id: 4, rank: 4, attributes: f },
    ];
    expect(chooseReplacement({ quota: 2, rules: [], kept: [m], candidates })?.id).toBe(4);
    expect(
      chooseReplacement({ quota: 2, rules: [], kept: [m], candidates: candidates.slice(0, 1) }),
    ).toBeNull();
  });

  it("applies the shares exactly to the list's length", () => {
    expect(meetsRules([women40], 5, [f, f, m, m, m])).toBe(true);
    expect(meetsRules([women40], 5, [f, m, m, m, m])).toBe(false);
    expect(meetsRules([managers20], 5, [boss, boss, m, m, m])).toBe(false);
  });
});
