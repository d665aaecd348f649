import { describe, expect, it } from "vitest";
import { normalizedPageUrl } from "~/domain/honors/page-key";

describe("normalizedPageUrl", () => {
  it("keeps only the parameters a page reads, sorted, the last of repeated ones", () => {
    expect(normalizedPageUrl("/honors", "?year=2018&x=1&q=%E5%BC%A0&utm_source=a")).toBe(
      "/honors?q=%E5%BC%A0&year=2018",
    );
    expect(normalizedPageUrl("/honors/3", "?page=2&category=1&page=3")).toBe("/honors/3?category=1&page=3");
    expect(normalizedPageUrl("/honors/3/print", "?x=1")).toBe("/honors/3/print");
    expect(normalizedPageUrl("/honors/people/4", "?x=1")).toBe("/honors/people/4");
    expect(normalizedPageUrl("/honors/people/4/certificate", "?x=1")).toBe("/honors/people/4/certificate");
  });

  it("does the same for the home page and the notices, whose only parameter is the objection's confirmation", () => {
    expect(normalizedPageUrl("/", "?utm_source=a")).toBe("/");
    expect(normalizedPageUrl("/notices", "?x=1")).toBe("/notices");
    expect(normalizedPageUrl("/notices/7", "?filed=1&x=1")).toBe("/notices/7?filed=1");
  });

  it("keeps bad values (the page answers them with a 400) and leaves pages it does not know alone", () => {
    expect(normalizedPageUrl("/honors", "?year=abc")).toBe("/honors?year=abc");
    expect(normalizedPageUrl("/honors/3/export", "?format=csv&x=1")).toBe("/honors/3/export?format=csv&x=1");
  });
});
