import { performance } from "node:perf_hooks";
import { AGGREGATION_METHODS, type SubmittedSheet } from "../../../app/domain/judging/aggregation";
import { rankNominations } from "../../../app/domain/judging/ranking";
import { selectNominations } from "../../../app/domain/judging/selection";
import type { CompositionRule } from "../../../app/domain/judging/composition-rules";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";

const NOMINATIONS = 10_000;
const JUDGES = 15;
const CRITERIA = 8;
const QUOTA = 770;

/** A small seeded generator (mulberry32), so every run ranks the same data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shaanxi's 2021 rules (docs/domain.md#composition-rules) over 10,000 nominees with plausible attribute mixes. */
const RULES: CompositionRule[] = [
  {
    label: "一线职工≥22%",
    attribute: "occupation_group",
    values: ["frontline"],
    op: "at_least",
    share: 0.22,
  },
  { label: "农民工≥6%", attribute: "migrant", values: ["是"], op: "at_least", share: 0.06 },
  { label: "非公企业≥12%", attribute: "sector", values: ["non_public"], op: "at_least", share: 0.12 },
  { label: "机关事业≤10%", attribute: "sector", values: ["public_institution"], op: "at_most", share: 0.1 },
  { label: "女性≥30%", attribute: "gender", values: ["female"], op: "at_least", share: 0.3 },
];

function data() {
  const rnd = random(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const nominations = Array.from({ length: NOMINATIONS }, (_, i) => ({
    ref: `N${String(i).padStart(5, "0")}`,
    name: `候选人${i}`,
    attributes: {
      occupation_group: pick(["frontline", "frontline", "technical", "manager", "official"]),
      migrant: rnd() < 0.05 ? "是" : "否",
      sector: pick(["state", "non_public", "public_institution", "rural", "other"]),
      gender: rnd() < 0.25 ? "female" : "male",
    },
  }));
  const sheets: SubmittedSheet[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const leniency = rnd() * 10 - 5;
    for (const n of nominations) {
      const points = Array.from({ length: CRITERIA }, () =>
        Math.max(0, Math.min(12.5, Math.round((rnd() * 10 + leniency / CRITERIA + 1) * 2) / 2)),
      );
      sheets.push({
        ref: n.ref,
        judgeId: j,
        total: points.reduce((a, b) => a + b, 0),
        criterionPoints: points,
      });
    }
  }
  return { nominations, sheets };
}

/** Aggregation, ranking with tie-breaks and the exact selection, timed per method; the target is the slowest. */
const judgingRank: Benchmark = {
  name: "judging-rank",
  summary: `ranking + selection, ${NOMINATIONS} nominations × ${JUDGES} judges × ${CRITERIA} criteria, quota ${QUOTA}, 5 rules (pure domain)`,
  target: { metric: "slowest_ms", value: 2000, direction: "at most" },
  async run({ log }: BenchOptions) {
    log("Generating seeded sheets …");
    const { nominations, sheets } = data();
    const attrs = new Map(nominations.map((n) => [n.ref, n.attributes]));
    const metrics: Record<string, number> = { sheets: sheets.length };
    let slowest = 0;
    for (const method of AGGREGATION_METHODS) {
      const start = performance.now();
      const ranking = rankNominations(nominations, sheets, method);
      const ranked = performance.now();
      const selection = selectNominations({
        quota: QUOTA,
        rules: RULES,
        candidates: ranking.entries.map((e) => ({ ref: e.ref, rank: e.rank, attributes: attrs.get(e.ref)! })),
      });
      const done = performance.now();
      if (selection.selected.length !== QUOTA)
        throw new Error(`${method}: selected ${selection.selected.length}, not ${QUOTA}`);
      metrics[`${method}_rank_ms`] = round(ranked - start, 1);
      metrics[`${method}_select_ms`] = round(done - ranked, 1);
      metrics[`${method}_ms`] = round(done - start, 1);
      slowest = Math.max(slowest, done - start);
      log(`${method}: ${round(done - start, 1)} ms (${selection.skipped.length} skipped)`);
    }
    metrics.slowest_ms = round(slowest, 1);
    return metrics;
  },
};

export default judgingRank;
