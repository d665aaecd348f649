import { describe, expect, it } from "vitest";
import { seededRandom } from "~/domain/seeded-random";
import type { CompositionRule } from "~/domain/judging/composition-rules";
import {
  ruleBounds,
  selectionSize,
  selectNominations,
  type SelectionCandidate,
} from "~/domain/judging/selection";

// Seeded, so a failure can be replayed.
const random = seededRandom;

interface Instance {
  quota: number;
  rules: CompositionRule[];
  masks: number[];
}

function randomInstance(rand: () => number, maxCandidates: number, maxQuota: number, maxRules = 6): Instance {
  const n = 1 + Math.floor(rand() * maxCandidates);
  const ruleCount = Math.floor(rand() * (maxRules + 1));
  const shares = ["0", "0.1", "0.2", "0.25", "0.3", "0.34", "0.5", "0.6", "0.75", "1"];
  const rules: CompositionRule[] = Array.from({ length: ruleCount }, (_, r) => ({
    label: `rule ${r}`,
    attribute: `a${r}`,
    values: ["yes"],
    op: rand() < 0.6 ? "at_least" : "at_most",
    share: shares[Math.floor(rand() * shares.length)],
  }));
  // Rules 0 and 1 sometimes count values of one attribute, so nobody counts for both.
  const exclusive = ruleCount >= 2 && rand() < 0.3;
  const density = rand();
  const masks = Array.from({ length: n }, () => {
    let m = 0;
    for (let r = 0; r < ruleCount; r++) if (rand() < density) m |= 1 << r;
    return exclusive && (m & 3) === 3 ? m & ~(rand() < 0.5 ? 1 : 2) : m;
  });
  return { quota: 1 + Math.floor(rand() * maxQuota), rules, masks };
}

function candidatesOf(inst: Instance): SelectionCandidate[] {
  return inst.masks.map((mask, i) => ({
    ref: `N${String(i).padStart(2, "0")}`,
    rank: i + 1,
    attributes: Object.fromEntries(inst.rules.map((_, r) => [`a${r}`, (mask >> r) & 1 ? "yes" : "no"])),
  }));
}

/** Bits set, for every subset of up to 12 candidates. */
const POPCOUNT = Uint8Array.from({ length: 1 << 12 }, (_, x) => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
});
const popcount = (x: number) => POPCOUNT[x];

/** Every subset: no at-most rule broken, least shortfall, then longest, then best by rank. */
function bruteForce(inst: Instance): number[] {
  const n = inst.masks.length;
  const size = selectionSize(inst.quota, n);
  const bounds = ruleBounds(inst.rules, size);
  // Bit n−1−i stands for candidate i, so a larger subset number is better by rank.
  const bit = (i: number) => 1 << (n - 1 - i);
  const members = bounds.map((_, r) =>
    inst.masks.reduce((m, mask, i) => ((mask >> r) & 1 ? m | bit(i) : m), 0),
  );
  let best = { value: Infinity, subset: 0 };
  subsets: for (let subset = 0; subset < 1 << n; subset++) {
    const length = popcount(subset);
    if (length > size) continue;
    let shortfall = 0;
    for (let r = 0; r < bounds.length; r++) {
      const count = popcount(members[r] & subset);
      if (bounds[r].op === "at_most" && count > bounds[r].limit) continue subsets;
      if (bounds[r].op === "at_least") shortfall += Math.max(0, bounds[r].limit - count);
    }
    const value = shortfall * (size + 1) - length;
    if (value < best.value || (value === best.value && subset > best.subset)) best = { value, subset };
  }
  return inst.masks.flatMap((_, i) => (best.subset & bit(i) ? [i] : []));
}

describe("selection against brute force over all subsets", () => {
  it("agrees on 2,000 random small instances", { timeout: 60_000 }, () => {
    const rand = random(20180928);
    for (let t = 0; t < 2000; t++) {
      const inst = randomInstance(rand, 12, 10);
      const candidates = candidatesOf(inst);
      const result = selectNominations({ quota: inst.quota, rules: inst.rules, candidates });
      const chosen = result.selected.map((s) => s.rank - 1);
      expect(chosen, JSON.stringify(inst)).toEqual(bruteForce(inst));
      // Everything above the last selected entry is either selected or skipped with a reason.
      const last = chosen.length > 0 ? chosen[chosen.length - 1] : -1;
      const passedOver = candidates
        .slice(0, last + 1)
        .filter((_, i) => !chosen.includes(i))
        .map((c) => c.ref);
      expect(result.skipped.map((s) => s.ref)).toEqual(passedOver);
      for (const { reason } of result.skipped) expect(reason.kind).toBe(inst.rules[reason.rule].op);
    }
  });
});

/**
 * An independent oracle for larger instances: dynamic programming over the candidates in rank
 * order (take or leave each), with at-least counts capped at their limit, then the same
 * take-it-if-the-best-stays-reachable walk.
 */
function dynamicProgramming(inst: Instance): number[] {
  const n = inst.masks.length;
  const size = selectionSize(inst.quota, n);
  const bounds = ruleBounds(inst.rules, size);
  const value = (counts: number[], length: number) =>
    bounds.reduce((s, b, r) => s + (b.op === "at_least" ? Math.max(0, b.limit - counts[r]) : 0), 0) *
      (size + 1) -
    length;
  const add = (counts: number[], mask: number): number[] | null => {
    const next = counts.map((c, r) => c + ((mask >> r) & 1));
    if (bounds.some((b, r) => b.op === "at_most" && next[r] > b.limit)) return null;
    return next.map((c, r) => (bounds[r].op === "at_least" ? Math.min(c, bounds[r].limit) : c));
  };
  const memo = new Map<string, number>();
  const best = (i: number, counts: number[], length: number): number => {
    if (i === n || length === size) return value(counts, length);
    const key = `${i}|${counts}|${length}`;
    let v = memo.get(key);
    if (v !== undefined) return v;
    v = best(i + 1, counts, length);
    const next = add(counts, inst.masks[i]);
    if (next) v = Math.min(v, best(i + 1, next, length + 1));
    memo.set(key, v);
    return v;
  };
  let counts = bounds.map(() => 0);
  const target = best(0, counts, 0);
  const chosen: number[] = [];
  for (let i = 0; i < n; i++) {
    const next = add(counts, inst.masks[i]);
    if (next && best(i + 1, next, chosen.length + 1) === target) {
      counts = next;
      chosen.push(i);
    }
  }
  return chosen;
}

describe("selection against dynamic programming", () => {
  it("agrees on random instances of 13 to 30 candidates", { timeout: 60_000 }, () => {
    const rand = random(77);
    for (let t = 0; t < 200; t++) {
      const inst = randomInstance(rand, 30, 10, 4);
      if (inst.masks.length < 13) continue;
      const result = selectNominations({
        quota: inst.quota,
        rules: inst.rules,
        candidates: candidatesOf(inst),
      });
      expect(
        result.selected.map((s) => s.rank - 1),
        JSON.stringify(inst),
      ).toEqual(dynamicProgramming(inst));
    }
  });
});
