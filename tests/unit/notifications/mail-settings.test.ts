import { describe, expect, it } from "vitest";
import { describeSmtp, mailSettings, parseSmtpUrl } from "~/utils/smtp-config.server";
import { ConfigError } from "~/utils/secrets.server";

describe("SMTP_URL", () => {
  it("reads host, port, TLS and the %-encoded user and password", () => {
    expect(parseSmtpUrl("smtp://mailer:p%40ss%3Aword@mail.example.org:587")).toEqual({
      host: "mail.example.org",
      port: 587,
      secure: false,
      auth: { user: "mailer", pass: "p@ss:word" },
    });
    expect(parseSmtpUrl("smtps://mail.example.org")).toEqual({
      host: "mail.example.org",
      port: 465,
      secure: true,
    });
    expect(parseSmtpUrl("smtp://[::1]:2525")).toEqual({ host: "::1", port: 2525, secure: false });
    expect(parseSmtpUrl("smtp://localhost")).toMatchObject({ port: 25 });
  });

  it.each([
    ["mail.example.org:25", /must start with smtp:\/\/ or smtps:\/\/ \(got "mail.example.org:"/],
    ["//mail.example.org", /cannot be read as a URL/],
    ["http://mail.example.org", /must start with smtp:\/\/ or smtps:\/\//],
    ["smtp://", /names no host/],
    ["smtp://mail.example.org:0", /port must be a number from 1 to 65535/],
    ["smtp://mail.example.org:70000", /cannot be read as a URL/],
    ["smtp://mail.example.org:25/path", /must end after the port/],
    ["smtp://u:%E0%A4%A@mail.example.org", /not correctly %-encoded/],
  ])("refuses %s, saying why", (url, why) => {
    expect(() => parseSmtpUrl(url)).toThrow(ConfigError);
    expect(() => parseSmtpUrl(url)).toThrow(why);
  });

  it("never repeats the password in a refusal", () => {
    for (const url of ["smtp://u:s3cret@host:port", "ftp://u:s3cret@host", "smtp://u:s3cret@host/x"]) {
      let message = "";
      try {
        parseSmtpUrl(url);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe("");
      expect(message).not.toContain("s3cret");
    }
    expect(describeSmtp(parseSmtpUrl("smtps://u:s3cret@host:465"))).toBe("smtps://u@host:465");
  });
});

describe("mail settings", () => {
  it("sends nothing without SMTP_URL and defaults the sender and the digest hour", () => {
    expect(mailSettings({})).toEqual({
      smtp: null,
      from: "Laurel <laurel@localhost>",
      fromDomain: "localhost",
      digestHour: 7,
    });
  });

  it("reads MAIL_FROM and MAIL_DIGEST_HOUR", () => {
    const s = mailSettings({ MAIL_FROM: "劳模平台 <noreply@union.example.cn>", MAIL_DIGEST_HOUR: "18" });
    expect([s.from, s.fromDomain, s.digestHour]).toEqual([
      "劳模平台 <noreply@union.example.cn>",
      "union.example.cn",
      18,
    ]);
    expect(mailSettings({ MAIL_FROM: "noreply@union.example.cn" }).fromDomain).toBe("union.example.cn");
  });

  it.each([
    [{ MAIL_FROM: "Laurel" }, /MAIL_FROM must be an address/],
    [{ MAIL_DIGEST_HOUR: "24" }, /MAIL_DIGEST_HOUR must be a whole hour from 0 to 23/],
    [{ MAIL_DIGEST_HOUR: "7.5" }, /MAIL_DIGEST_HOUR/],
    [{ LAUREL_URL: "laurel.example.org" }, /LAUREL_URL must be the app's address/],
    [{ SMTP_URL: "smtp://mail", NODE_ENV: "production" }, /LAUREL_URL must be set when SMTP_URL is/],
  ])("refuses %o", (env, why) => {
    expect(() => mailSettings(env)).toThrow(why);
  });
});
