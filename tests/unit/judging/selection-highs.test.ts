import { describe, expect, it } from "vitest";
import type { CompositionRule } from "~/domain/judging/composition-rules";
import { selectNominations, type Selection, type SelectionCandidate } from "~/domain/judging/selection";
import { seededRandom } from "~/domain/seeded-random";
import {
  bestListValue,
  listSize,
  measureList,
  referenceLimit,
  type SelectionInstance,
  type SelectionRuleSpec,
} from "../../support/selection-mip";

/**
 * The proposed list against an exact MIP (HiGHS) on 200 nominations × 5 rules, where the brute
 * force cannot go. The MIP knows nothing of patterns, witnesses or swaps: it is the rule of
 * docs/domain.md#selection over one binary per nomination (tests/support/selection-mip.ts).
 */

/**
 * Rules of random kind and share; each attribute's frequency drifts along the ranking, so the
 * top of the ranking is rich in some and poor in others and the walk must skip to meet them.
 */
function generate(seed: number, n = 200, ruleCount = 5) {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  // Seeds from 100 on ask for more than the nominations can give, so most lists fall short.
  const [least, most] =
    seed < 100
      ? [
          [10, 20, 25, 30, 40, 50],
          [20, 30, 40, 50, 60],
        ]
      : [
          [40, 50, 60, 70],
          [10, 20, 25],
        ];
  const specs: SelectionRuleSpec[] = Array.from({ length: ruleCount }, () =>
    rand() < 0.6 ? { op: "at_least", percent: pick(least) } : { op: "at_most", percent: pick(most) },
  );
  const density = specs.map(() => 0.1 + rand() * 0.6);
  const drift = specs.map(() => (rand() - 0.5) * 0.8);
  const counts = Array.from({ length: n }, (_, i) =>
    specs.map((_, r) => rand() < density[r] + drift[r] * (i / n - 0.5)),
  );
  const inst: SelectionInstance = { quota: 30 + Math.floor(rand() * 51), rules: specs, counts };
  const rules: CompositionRule[] = specs.map((s, r) => ({
    label: `rule ${r}`,
    attribute: `a${r}`,
    values: ["yes"],
    op: s.op,
    share: String(s.percent / 100),
  }));
  const candidates: SelectionCandidate[] = counts.map((row, i) => ({
    ref: `N${String(i).padStart(3, "0")}`,
    rank: i + 1,
    attributes: Object.fromEntries(row.map((c, r) => [`a${r}`, c ? "yes" : "no"])),
  }));
  return { inst, rules, candidates };
}

/** Each nomination the walk decided on, by ranking index: 1 taken, 0 skipped. */
function decisions(selection: Selection): (0 | 1)[] {
  const decided = new Map<number, 0 | 1>();
  for (const s of selection.selected) decided.set(s.rank - 1, 1);
  for (const s of selection.skipped) decided.set(s.rank - 1, 0);
  const last = Math.max(-1, ...decided.keys());
  return Array.from({ length: last + 1 }, (_, i) => {
    const d = decided.get(i);
    if (d === undefined) throw new Error(`nomination ${i} was passed over without a decision`);
    return d;
  });
}

/**
 * Lexicographically best: at each step down the ranking, taking the nomination (after the walk's
 * earlier decisions) still allows a best list exactly when the walk took it.
 */
async function expectEachStepNecessary(
  inst: SelectionInstance,
  walk: (0 | 1)[],
  best: number,
): Promise<void> {
  for (let i = 0; i < walk.length; i++) {
    const withIt = await bestListValue(inst, [...walk.slice(0, i), 1]);
    if (walk[i] === 1) expect(withIt, `nomination ${i} taken`).toBe(best);
    else
      expect(withIt === null || withIt > best, `nomination ${i} skipped, yet a best list takes it`).toBe(
        true,
      );
  }
}

describe("selection against an exact MIP, 200 nominations × 5 rules", () => {
  const seeds = [...Array.from({ length: 16 }, (_, i) => i + 1), 101, 102, 103, 104];
  it.each(seeds)(
    "seed %i",
    async (seed) => {
      const { inst, rules, candidates } = generate(seed);
      const selection = selectNominations({ quota: inst.quota, rules, candidates });
      const walk = decisions(selection);
      const taken = walk.flatMap((d, i) => (d ? [i] : []));
      const best = await bestListValue(inst);
      const list = measureList(inst, taken);
      expect(list.excess.every((e) => e === 0)).toBe(true);
      expect(list.value).toBe(best);
      // Unmet rules are reported exactly: the MIP's least shortfall, rule by rule.
      const size = listSize(inst);
      const unmet = inst.rules.flatMap((rule, r) =>
        list.missing[r] > 0
          ? [
              {
                rule: `rule ${r}`,
                required: referenceLimit(rule, size),
                selected: referenceLimit(rule, size) - list.missing[r],
              },
            ]
          : [],
      );
      expect(selection.unmet).toEqual(unmet);
      await expectEachStepNecessary(inst, walk, best!);
    },
    60_000,
  );

  it("the seeds reach every case: skips, unmet rules, and a list the at-most rules keep short", () => {
    const selections = seeds.map((seed) => {
      const { inst, rules, candidates } = generate(seed);
      return { inst, selection: selectNominations({ quota: inst.quota, rules, candidates }) };
    });
    expect(selections.filter(({ selection }) => selection.skipped.length > 0).length).toBeGreaterThan(
      seeds.length / 2,
    );
    expect(selections.filter(({ selection }) => selection.unmet.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(
      selections.filter(({ inst, selection }) => selection.selected.length < listSize(inst)).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
