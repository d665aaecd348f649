import { STAGES, type Stage } from "./vocabulary";
import type { MessageKey, Params } from "~/i18n";

/** `running` (竞赛进行) belongs to competitions with a contest; the others go from draft to nominating. */
export function nextStage(stage: Stage, hasContest = false): Stage | null {
  const i = STAGES.indexOf(stage);
  const next = i >= 0 && i < STAGES.length - 1 ? STAGES[i + 1] : null;
  return next === "running" && !hasContest ? "nominating" : next;
}

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** What the server knows about a competition when asked to advance it. */
export interface AdvanceFacts {
  stage: Stage;
  categories: { name: string; criteria: number; allocations: number; quota: number }[];
  submitted: number;
  /** Submitted, resubmitted or returned: still waiting for an eligibility decision. */
  undecided: number;
  eligible: number;
  /** The contest's scheme, counted; absent for a competition without one. */
  contest?: { groups: number; periods: number; indicators: number };
}

export interface Refusal {
  messageKey: MessageKey;
  params?: Params;
}

/**
 * Why the competition may not move from its stage to the next; [] when it may. From judging on,
 * the steps in ~/models/stage-steps decide.
 */
export function advanceRefusals(f: AdvanceFacts): Refusal[] {
  const out: Refusal[] = [];
  switch (f.stage) {
    case "draft":
      if (f.categories.length === 0) out.push({ messageKey: "stage.refuse.noCategories" });
      for (const c of f.categories) {
        if (c.criteria === 0)
          out.push({ messageKey: "stage.refuse.noCriteria", params: { category: c.name } });
        if (c.allocations === 0)
          out.push({ messageKey: "stage.refuse.noAllocations", params: { category: c.name } });
      }
      if (f.contest?.groups === 0) out.push({ messageKey: "contest.scheme.noGroups" });
      if (f.contest?.periods === 0) out.push({ messageKey: "contest.scheme.noPeriods" });
      if (f.contest?.indicators === 0) out.push({ messageKey: "contest.scheme.noIndicators" });
      break;
    case "running":
      // What is unfinished (reports not yet verified …) is warned about on the page, not refused.
      break;
    case "nominating":
      if (f.submitted === 0) out.push({ messageKey: "stage.refuse.noNominations" });
      break;
    case "reviewing":
      if (f.undecided > 0) out.push({ messageKey: "stage.refuse.undecided", params: { count: f.undecided } });
      if (f.eligible === 0) out.push({ messageKey: "stage.refuse.noEligible" });
      break;
    default:
      // Judging and later are advanced by their stage steps; reaching here is a wiring mistake, refused.
      out.push({ messageKey: "stage.refuse.notYet" });
  }
  return out;
}
