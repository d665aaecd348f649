import { describe, expect, it } from "vitest";
import {
  availableTransitions,
  canTransition,
  isEditableByNominator,
  isFinal,
  LIFECYCLE_EDGES,
  statusLabelKey,
  transition,
  type LifecycleRole,
} from "~/domain/nominations/lifecycle";
import { NOMINATION_STATUSES, type NominationStatus } from "~/domain/nominations/vocabulary";

// Written out by hand from docs/domain.md#stages-and-statuses, independently of the table: [from, to, role, action, reason?].
const ALLOWED: Array<[NominationStatus, NominationStatus, LifecycleRole, string, boolean]> = [
  ["draft", "submitted", "nominator", "submit", false],
  ["returned", "resubmitted", "nominator", "resubmit", false],
  ["draft", "withdrawn", "nominator", "withdraw", false],
  ["submitted", "withdrawn", "nominator", "withdraw", false],
  ["returned", "withdrawn", "nominator", "withdraw", false],
  ["resubmitted", "withdrawn", "nominator", "withdraw", false],
  ["submitted", "returned", "admin", "return", true],
  ["resubmitted", "returned", "admin", "return", true],
  ["submitted", "eligible", "admin", "markEligible", false],
  ["resubmitted", "eligible", "admin", "markEligible", false],
  ["submitted", "ineligible", "admin", "markIneligible", true],
  ["resubmitted", "ineligible", "admin", "markIneligible", true],
  ["eligible", "ineligible", "admin", "markIneligible", true],
  ["scored", "ineligible", "admin", "markIneligible", true],
  ["shortlisted", "ineligible", "admin", "markIneligible", true],
  ["ineligible", "eligible", "admin", "reinstate", true],
  ["eligible", "scored", "admin", "score", false],
  ["scored", "shortlisted", "admin", "shortlist", false],
  ["shortlisted", "scored", "admin", "unshortlist", true],
  ["shortlisted", "on_notice", "admin", "putOnNotice", false],
  ["on_notice", "commended", "admin", "commend", false],
  ["shortlisted", "withdrawn", "admin", "withdraw", true],
  ["on_notice", "withdrawn", "admin", "withdraw", true],
  ["commended", "revoked", "admin", "revoke", true],
];

describe("the transition table", () => {
  it("has exactly the edges of the design", () => {
    const table = LIFECYCLE_EDGES.map((e) => [e.from, e.to, e.role, e.action, e.reasonRequired]);
    expect(new Set(table.map((e) => JSON.stringify(e)))).toEqual(
      new Set(ALLOWED.map((e) => JSON.stringify(e))),
    );
    expect(table).toHaveLength(ALLOWED.length);
  });
  it.each(ALLOWED)("%s → %s by %s (%s)", (from, to, role, action, needsReason) => {
    expect(canTransition(from, to, role)).toBe(true);
    expect(transition({ from, to, role, reason: "材料不全" })).toEqual({
      ok: true,
      status: to,
      action,
      reason: "材料不全",
    });
    if (needsReason) {
      expect(transition({ from, to, role })).toEqual({
        ok: false,
        refusal: "reason_required",
        messageKey: "nomination.transition.reasonRequired",
      });
      expect(transition({ from, to, role, reason: "   " }).ok).toBe(false);
    } else {
      expect(transition({ from, to, role })).toEqual({ ok: true, status: to, action, reason: null });
    }
  });
});

describe("refusals", () => {
  it.each([
    ["draft", "eligible", "admin"],
    ["submitted", "scored", "admin"],
    ["eligible", "on_notice", "admin"],
    ["scored", "commended", "admin"],
    ["returned", "eligible", "admin"], // must come back resubmitted first
    ["commended", "withdrawn", "admin"], // a commended title is revoked, not withdrawn
    ["withdrawn", "submitted", "nominator"],
    ["revoked", "commended", "admin"],
    ["draft", "draft", "nominator"],
    ["ineligible", "submitted", "nominator"],
    ["eligible", "withdrawn", "nominator"], // after the decision the admin marks it ineligible instead
  ] as const)("%s → %s by %s is no step at all", (from, to, role) => {
    expect(canTransition(from, to, role)).toBe(false);
    expect(transition({ from, to, role, reason: "x" })).toEqual({
      ok: false,
      refusal: "not_allowed",
      messageKey: "nomination.transition.notAllowed",
    });
  });
  it.each([
    ["submitted", "eligible", "nominator"], // no marking one's own nomination eligible
    ["submitted", "returned", "nominator"],
    ["on_notice", "commended", "nominator"],
    ["scored", "shortlisted", "nominator"],
    ["draft", "submitted", "admin"], // admins do not submit on an org's behalf
    ["returned", "resubmitted", "admin"],
  ] as const)("%s → %s by %s is another role's step", (from, to, role) => {
    expect(canTransition(from, to, role)).toBe(false);
    expect(transition({ from, to, role, reason: "x" })).toEqual({
      ok: false,
      refusal: "forbidden",
      messageKey: "nomination.transition.forbidden",
    });
  });
});

describe("questions pages ask", () => {
  it("offers each role its buttons", () => {
    expect(availableTransitions("submitted", "admin").map((e) => e.action)).toEqual([
      "return",
      "markEligible",
      "markIneligible",
    ]);
    expect(availableTransitions("submitted", "nominator").map((e) => e.action)).toEqual(["withdraw"]);
    expect(availableTransitions("commended", "nominator")).toEqual([]);
  });
  it("knows the final statuses and when a nominator may edit", () => {
    expect(NOMINATION_STATUSES.filter(isFinal)).toEqual(["withdrawn", "revoked"]);
    expect(NOMINATION_STATUSES.filter(isEditableByNominator)).toEqual(["draft", "returned"]);
    expect(statusLabelKey("on_notice")).toBe("nominationStatus.on_notice");
  });
  it("reaches every status from draft", () => {
    const seen = new Set<NominationStatus>(["draft"]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const e of LIFECYCLE_EDGES) if (seen.has(e.from) && !seen.has(e.to)) grew = !!seen.add(e.to);
    }
    expect([...seen].sort()).toEqual([...NOMINATION_STATUSES].sort());
  });
});
