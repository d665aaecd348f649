import { describe, expect, it } from "vitest";
import { STAGES } from "../../../app/domain/competitions/vocabulary";
import { canConsult, canEditFields, canFileNominations, openSteps } from "~/domain/nominations/stage-windows";

const actions = (...args: Parameters<typeof openSteps>) => openSteps(...args).map((e) => e.action);

describe("stage windows of the nomination steps", () => {
  it("files new nominations only while nominating", () => {
    expect(STAGES.filter(canFileNominations)).toEqual(["nominating"]);
  });

  it("submits a draft while nominating, and nowhere else", () => {
    expect(actions("nominating", "draft", "nominator")).toContain("submit");
    expect(actions("reviewing", "draft", "nominator")).not.toContain("submit");
  });

  it("lets a returned nomination come back while nominating or reviewing, not once judging starts", () => {
    expect(actions("nominating", "returned", "nominator")).toContain("resubmit");
    expect(actions("reviewing", "returned", "nominator")).toContain("resubmit");
    expect(actions("judging", "returned", "nominator")).toEqual([]);
  });

  it("gives the admin the review steps only in reviewing", () => {
    expect(actions("reviewing", "submitted", "admin").sort()).toEqual([
      "markEligible",
      "markIneligible",
      "return",
    ]);
    expect(actions("nominating", "submitted", "admin")).toEqual([]);
    expect(actions("judging", "submitted", "admin")).toEqual([]);
  });

  it("edits a draft while nominating, a returned one while nominating or reviewing, a submitted one never", () => {
    expect(canEditFields("nominating", "draft")).toBe(true);
    expect(canEditFields("reviewing", "draft")).toBe(false);
    expect(canEditFields("reviewing", "returned")).toBe(true);
    expect(canEditFields("judging", "returned")).toBe(false);
    expect(canEditFields("nominating", "submitted")).toBe(false);
  });

  it("takes consultation opinions from reviewing to deciding, on live nominations only", () => {
    expect(STAGES.filter((s) => canConsult(s, "eligible"))).toEqual(["reviewing", "judging", "deciding"]);
    expect(canConsult("reviewing", "withdrawn")).toBe(false);
    expect(canConsult("reviewing", "draft")).toBe(false);
  });
});
