import { seededRandom } from "../../../app/domain/seeded-random";
import type { ContestIndicator } from "../../../app/domain/contest/scheme-schema";
import type { ContestData, TargetRow, ValueRow } from "../../../app/domain/contest/types";

/** The size the standings must handle (issue 18): 2,000 units × 20 indicators × 12 periods. */
export const CONTEST_SIZE = { participants: 2000, groups: 4, indicators: 20, periods: 12 };

const METHOD_MIX: ContestIndicator["method"][] = [
  "target",
  "rank",
  "bonus",
  "deduction",
  "target",
  "rank",
  "target",
  "rank",
  "veto",
  "bonus",
];

function indicator(i: number): ContestIndicator {
  const method = METHOD_MIX[i % METHOD_MIX.length];
  const aggregation = i % 3 === 2 ? "latest" : "sum";
  const base = {
    code: `i${i}`,
    title: `指标${i}`,
    unit: "项",
    aggregation,
    method,
    weight: null,
    cap: null,
    direction: null,
    per_unit: null,
    max_points: null,
    measure: null,
    confidential: false,
  } as const;
  if (method === "target") return { ...base, weight: 10 + (i % 3) * 5, cap: i % 2 ? 1.2 : 1 };
  if (method === "rank") return { ...base, weight: 10, direction: i % 4 === 3 ? "lower" : "higher" };
  if (method === "bonus" || method === "deduction") return { ...base, per_unit: 0.5, max_points: 5 };
  return base;
}

/**
 * A seeded contest of that size: every unit reports every indicator every period (480,000
 * verified values), with a few gaps, and year targets for the `target` indicators.
 */
export function contestData(size = CONTEST_SIZE): ContestData {
  const rnd = seededRandom(18);
  const groups = Array.from({ length: size.groups }, (_, g) => `组别${g + 1}`);
  const periods = Array.from({ length: size.periods }, (_, k) => ({ label: `P${k + 1}` }));
  const indicators = Array.from({ length: size.indicators }, (_, i) => indicator(i));
  const participants = Array.from({ length: size.participants }, (_, p) => ({
    orgId: p + 1,
    name: `参赛单位${String(p + 1).padStart(4, "0")}`,
    group: groups[p % size.groups],
    disqualified: p % 397 === 0,
  }));
  const targets: TargetRow[] = [];
  const values: ValueRow[] = [];
  for (const { orgId } of participants)
    for (const ind of indicators) {
      if (ind.method === "target")
        targets.push({ orgId, indicator: ind.code, period: null, target: 100 + Math.floor(rnd() * 900) });
      for (const { label } of periods) {
        const value =
          ind.method === "veto"
            ? rnd() < 0.002
              ? 1
              : 0
            : ind.method === "deduction"
              ? Math.floor(rnd() * 3)
              : Math.floor(rnd() * 120);
        values.push({
          orgId,
          period: label,
          indicator: ind.code,
          value,
          status: rnd() < 0.97 ? "verified" : "submitted",
        });
      }
    }
  return { groups, periods, indicators, participants, targets, values };
}
