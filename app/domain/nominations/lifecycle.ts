import type { NominationStatus } from "./vocabulary";

/**
 * The life of a nomination (docs/domain.md#stages-and-statuses): who may move it from which status to which. Ownership
 * (a nominator acts only on its own org's nominations, an admin inside its subtree) and the
 * competition's stage are the caller's checks; this table only knows statuses and roles.
 */

export type LifecycleRole = "nominator" | "admin";

export type LifecycleAction =
  | "submit"
  | "resubmit"
  | "withdraw"
  | "return"
  | "markEligible"
  | "markIneligible"
  | "reinstate"
  | "score"
  | "shortlist"
  | "unshortlist"
  | "putOnNotice"
  | "commend"
  | "revoke";

export interface LifecycleEdge {
  from: NominationStatus;
  to: NominationStatus;
  action: LifecycleAction;
  role: LifecycleRole;
  /** Refusals, reversals and removals must say why; the reason goes into the history. */
  reasonRequired: boolean;
}

const edge = (
  from: NominationStatus[],
  to: NominationStatus,
  action: LifecycleAction,
  role: LifecycleRole,
  reasonRequired = false,
) => from.map((f): LifecycleEdge => ({ from: f, to, action, role, reasonRequired }));

const UNDECIDED: NominationStatus[] = ["submitted", "resubmitted"];

export const LIFECYCLE_EDGES: readonly LifecycleEdge[] = [
  ...edge(["draft"], "submitted", "submit", "nominator"),
  ...edge(["returned"], "resubmitted", "resubmit", "nominator"),
  // Before the eligibility decision the nominating org may take its nomination back.
  ...edge(["draft", "submitted", "returned", "resubmitted"], "withdrawn", "withdraw", "nominator"),
  ...edge(UNDECIDED, "returned", "return", "admin", true),
  ...edge(UNDECIDED, "eligible", "markEligible", "admin"),
  // Refused at review, or later by a consultation veto (一票否决) up to the proposed list.
  ...edge([...UNDECIDED, "eligible", "scored", "shortlisted"], "ineligible", "markIneligible", "admin", true),
  // A refusal found wrong (a veto lifted, a misread document) is reversed, with its reason.
  ...edge(["ineligible"], "eligible", "reinstate", "admin", true),
  // Set when judging closes with every sheet of the nomination in.
  ...edge(["eligible"], "scored", "score", "admin"),
  ...edge(["scored"], "shortlisted", "shortlist", "admin"),
  // The committee overrides the selection: taken off the proposed list, it keeps its scores.
  ...edge(["shortlisted"], "scored", "unshortlist", "admin", true),
  ...edge(["shortlisted"], "on_notice", "putOnNotice", "admin"),
  ...edge(["on_notice"], "commended", "commend", "admin"),
  // An upheld objection during the notice, or a nominee who steps back before it.
  ...edge(["shortlisted", "on_notice"], "withdrawn", "withdraw", "admin", true),
  ...edge(["commended"], "revoked", "revoke", "admin", true),
];

export type TransitionRefusal = "not_allowed" | "forbidden" | "reason_required";

export type LifecycleMessageKey =
  | "nomination.transition.notAllowed"
  | "nomination.transition.forbidden"
  | "nomination.transition.reasonRequired";

export type TransitionResult =
  | { ok: true; status: NominationStatus; action: LifecycleAction; reason: string | null }
  | { ok: false; refusal: TransitionRefusal; messageKey: LifecycleMessageKey };

function findEdge(
  from: NominationStatus,
  to: NominationStatus,
  role: LifecycleRole,
): LifecycleEdge | undefined {
  return LIFECYCLE_EDGES.find((e) => e.from === from && e.to === to && e.role === role);
}

export function canTransition(from: NominationStatus, to: NominationStatus, role: LifecycleRole): boolean {
  return findEdge(from, to, role) !== undefined;
}

/**
 * The new status, or why not: no such step at all, a step for the other role, or a step that
 * needs a reason given none (blank counts as none).
 */
export function transition(input: {
  from: NominationStatus;
  to: NominationStatus;
  role: LifecycleRole;
  reason?: string | null;
}): TransitionResult {
  const { from, to, role } = input;
  const found = findEdge(from, to, role);
  if (!found) {
    const anyRole = LIFECYCLE_EDGES.some((e) => e.from === from && e.to === to);
    return anyRole
      ? { ok: false, refusal: "forbidden", messageKey: "nomination.transition.forbidden" }
      : { ok: false, refusal: "not_allowed", messageKey: "nomination.transition.notAllowed" };
  }
  const reason = input.reason?.trim() || null;
  if (found.reasonRequired && !reason)
    return { ok: false, refusal: "reason_required", messageKey: "nomination.transition.reasonRequired" };
  return { ok: true, status: to, action: found.action, reason };
}

/** The steps a role may take from a status, for the buttons a page offers. */
export function availableTransitions(from: NominationStatus, role: LifecycleRole): LifecycleEdge[] {
  return LIFECYCLE_EDGES.filter((e) => e.from === from && e.role === role);
}

/** No step leads out: withdrawn and revoked (ineligible can still be reinstated). */
export function isFinal(status: NominationStatus): boolean {
  return !LIFECYCLE_EDGES.some((e) => e.from === status);
}

/** Whether a nominator may still edit the fields: only while the nomination is in its hands. */
export function isEditableByNominator(status: NominationStatus): boolean {
  return status === "draft" || status === "returned";
}

export function statusLabelKey(status: NominationStatus): `nominationStatus.${NominationStatus}` {
  return `nominationStatus.${status}`;
}
