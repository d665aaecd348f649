import { describe, expect, it } from "vitest";
import { isConflict, pairKey, planAssignments, type PanelJudge } from "~/domain/judging/assignment";
import { finalList } from "~/domain/judging/committee";

const judges = (paths: (string | null)[]): PanelJudge[] =>
  paths.map((orgPath, i) => ({ id: i + 1, orgPath, external: false }));
const noms = (paths: string[]) => paths.map((orgPath, i) => ({ id: 100 + i, orgPath }));
const loads = (pairs: { judgeId: number }[]) => {
  const m = new Map<number, number>();
  for (const p of pairs) m.set(p.judgeId, (m.get(p.judgeId) ?? 0) + 1);
  return m;
};

describe("conflicts", () => {
  it("covers the judge's own org, its subtree and declared pairs, not the org above", () => {
    const j = { id: 1, orgPath: "/1/4/" };
    expect(isConflict(j, { id: 9, orgPath: "/1/4/" }, new Set())).toBe(true);
    expect(isConflict(j, { id: 9, orgPath: "/1/4/17/" }, new Set())).toBe(true);
    expect(isConflict(j, { id: 9, orgPath: "/1/" }, new Set())).toBe(false);
    expect(isConflict(j, { id: 9, orgPath: "/1/5/" }, new Set([pairKey(1, 9)]))).toBe(true);
    expect(isConflict({ id: 2, orgPath: null }, { id: 9, orgPath: "/1/" }, new Set())).toBe(false);
  });
});

describe("planAssignments", () => {
  it("gives every judge every nomination without a conflict when k is null", () => {
    const plan = planAssignments({
      judges: judges(["/1/2/", "/1/3/"]),
      nominations: noms(["/1/2/9/", "/1/5/"]),
      declared: new Set(),
      perNomination: null,
      keep: [],
    });
    expect(plan.added).toEqual([
      { judgeId: 2, nominationId: 100 },
      { judgeId: 1, nominationId: 101 },
      { judgeId: 2, nominationId: 101 },
    ]);
  });

  it("gives each nomination k judges, never a conflict, loads within one", () => {
    const js = judges(["/1/2/", "/1/3/", "/1/4/", "/1/5/", "/1/6/"]);
    const ns = noms(Array.from({ length: 23 }, (_, i) => `/1/${2 + (i % 5)}/${i}/`));
    const declared = new Set([pairKey(1, 103), pairKey(3, 110)]);
    const plan = planAssignments({ judges: js, nominations: ns, declared, perNomination: 3, keep: [] });
    expect(plan.short).toEqual([]);
    expect(plan.added).toHaveLength(69);
    for (const p of plan.added)
      expect(isConflict(js[p.judgeId - 1], ns[p.nominationId - 100], declared)).toBe(false);
    for (const n of ns) expect(plan.added.filter((p) => p.nominationId === n.id)).toHaveLength(3);
    const l = [...loads(plan.added).values()];
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
  });

  it("balances around kept assignments and reports nominations short of judges", () => {
    const js = judges(["/1/2/", "/1/3/", "/1/4/"]);
    const plan = planAssignments({
      judges: js,
      nominations: noms(["/1/2/", "/1/5/", "/1/6/"]),
      declared: new Set([pairKey(3, 100)]),
      perNomination: 2,
      keep: [{ judgeId: 1, nominationId: 101 }],
    });
    expect(plan.short).toEqual([{ nominationId: 100, need: 2, have: 1 }]);
    expect(plan.added.filter((p) => p.nominationId === 101)).toHaveLength(1);
    const l = loads([...plan.added, { judgeId: 1 }]);
    expect([...l.values()].sort()).toEqual([1, 2, 2]);
  });

  it("never assigns external paper judges", () => {
    const plan = planAssignments({
      judges: [{ id: 1, orgPath: null, external: true }],
      nominations: noms(["/1/"]),
      declared: new Set(),
      perNomination: null,
      keep: [],
    });
    expect(plan.added).toEqual([]);
  });
});

describe("finalList", () => {
  it("applies include and exclude overrides in ranking order", () => {
    const list = finalList([1, 2, 3, 4, 5], new Set([1, 2, 3]), [
      { nominationId: 2, decision: "exclude", reason: "x" },
      { nominationId: 5, decision: "include", reason: "y" },
    ]);
    expect(list.map((f) => [f.nominationId, f.position])).toEqual([
      [1, 1],
      [3, 2],
      [5, 3],
    ]);
    expect(list[2].override?.reason).toBe("y");
  });
});
