import { describe, expect, it } from "vitest";
import { isMailAddress, MailAddressSchema } from "~/domain/notifications/mail-address";

describe("a mail address", () => {
  it("takes an ordinary address, with a Chinese or sub-domain", () => {
    for (const ok of ["li@example.org", "li.hong+notices@mail.sx.gov.cn", "王@例子.中国"])
      expect(isMailAddress(ok), ok).toBe(true);
  });

  it("refuses what is not one address: no @, no dot in the domain, spaces, lists, display names", () => {
    for (const bad of [
      "",
      "li",
      "li@",
      "@example.org",
      "li@example",
      "li @example.org",
      "li@example.org, wang@example.org",
      "Li <li@example.org>",
      "li@@example.org",
      "li@example.org\nBcc: x@y.z",
      `${"a".repeat(250)}@b.cn`,
    ])
      expect(isMailAddress(bad), JSON.stringify(bad)).toBe(false);
  });

  it("reads a blank form field as no address, and trims", () => {
    expect(MailAddressSchema.parse("  ")).toBeNull();
    expect(MailAddressSchema.parse(undefined)).toBeNull();
    expect(MailAddressSchema.parse(" li@example.org ")).toBe("li@example.org");
    expect(MailAddressSchema.safeParse("li@").error?.issues[0].message).toBe("inbox.address.invalid");
  });
});
