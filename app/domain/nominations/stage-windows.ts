import type { Stage } from "../competitions/vocabulary";
import {
  availableTransitions,
  isEditableByNominator,
  type LifecycleAction,
  type LifecycleEdge,
} from "./lifecycle";
import type { NominationStatus } from "./vocabulary";

/*
 * What may be done to a nomination in which stage of its competition (decision 004): the
 * lifecycle says from which status a step goes, these windows say when it is open.
 */

/** Stages in which each step is open. */
const STEP_STAGES: Partial<Record<LifecycleAction, readonly Stage[]>> = {
  submit: ["nominating"],
  // A nomination returned for correction may come back while the review is still running.
  resubmit: ["nominating", "reviewing"],
  withdraw: ["nominating", "reviewing"],
  return: ["reviewing"],
  markEligible: ["reviewing"],
  markIneligible: ["reviewing"],
  reinstate: ["reviewing"],
};

/** The lifecycle steps the role may take now; the others (scoring, notice) belong to later pages. */
export function openSteps(
  stage: Stage,
  status: NominationStatus,
  role: "nominator" | "admin",
): LifecycleEdge[] {
  return availableTransitions(status, role).filter((e) => STEP_STAGES[e.action]?.includes(stage));
}

/** New nominations, by form or sheet, only while nominations are open. */
export const canFileNominations = (stage: Stage) => stage === "nominating";

/** A draft is edited while nominations are open; a returned one also during the review. */
export function canEditFields(stage: Stage, status: NominationStatus): boolean {
  if (!isEditableByNominator(status)) return false;
  return status === "draft" ? stage === "nominating" : stage === "nominating" || stage === "reviewing";
}

/** Consultation opinions arrive during the review and may still arrive until the list is proposed. */
export const CONSULTATION_STAGES: readonly Stage[] = ["reviewing", "judging", "deciding"];
const CONSULTABLE: readonly NominationStatus[] = [
  "submitted",
  "resubmitted",
  "returned",
  "eligible",
  "ineligible",
  "scored",
  "shortlisted",
];

export function canConsult(stage: Stage, status: NominationStatus): boolean {
  return CONSULTATION_STAGES.includes(stage) && CONSULTABLE.includes(status);
}
