import { describe, expect, it } from "vitest";
import { applicationClimb, isFinalStop, nextStop } from "~/domain/contest/application-path";

describe("applicationClimb", () => {
  it("climbs from the unit's parent up to the organizer, both included", () => {
    expect(applicationClimb("/1/2/5/9/", "/1/2/")).toEqual([5, 2]);
    expect(applicationClimb("/1/2/5/9/14/", "/1/")).toEqual([9, 5, 2, 1]);
  });

  it("goes straight to the organizer for a unit just below it", () => {
    expect(applicationClimb("/1/2/5/", "/1/2/")).toEqual([2]);
  });

  it("is empty for the organizer itself and for units outside its subtree", () => {
    expect(applicationClimb("/1/2/", "/1/2/")).toEqual([]);
    expect(applicationClimb("/1/3/7/", "/1/2/")).toEqual([]);
    expect(applicationClimb("/1/", "/1/2/")).toEqual([]);
  });

  it("does not take /1/20/ for a unit of /1/2/", () => {
    expect(applicationClimb("/1/20/5/", "/1/2/")).toEqual([]);
  });
});

describe("nextStop and isFinalStop", () => {
  const climb = [9, 5, 2];
  it("passes an approval to the next union up", () => {
    expect(nextStop(climb, 9)).toBe(5);
    expect(nextStop(climb, 5)).toBe(2);
  });
  it("has no next stop at the organizer, whose admins admit", () => {
    expect(nextStop(climb, 2)).toBeNull();
    expect(isFinalStop(climb, 2)).toBe(true);
    expect(isFinalStop(climb, 5)).toBe(false);
    expect(isFinalStop([], 5)).toBe(false);
  });
  it("has no next stop for a union not on the way", () => {
    expect(nextStop(climb, 7)).toBeNull();
  });
});
