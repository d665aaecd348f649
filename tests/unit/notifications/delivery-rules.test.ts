import { describe, expect, it } from "vitest";
import { failureOf, judgeFailure, RETRY_DELAYS_MS } from "~/domain/notifications/delivery-rules";
import { digestDayDue, renderDigest } from "~/domain/notifications/digest";

const now = new Date("2026-12-04T10:00:00Z");
const plus = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe("a failed send", () => {
  it("is tried again after 1 min, 5 min, 30 min, 2 h and 12 h, then marked failed", () => {
    const busy = {
      message: "x",
      code: "EENVELOPE",
      responseCode: 450,
      response: "450 Mailbox busy",
      command: "RCPT TO",
    };
    expect([0, 1, 2, 3, 4].map((a) => judgeFailure(busy, a, now))).toEqual(
      RETRY_DELAYS_MS.map((ms) => ({ outcome: "retry", nextAttemptAt: plus(ms), error: "450 Mailbox busy" })),
    );
    expect(RETRY_DELAYS_MS).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 43_200_000]);
    expect(judgeFailure(busy, 5, now)).toEqual({
      outcome: "failed",
      addressRefused: false,
      error: "450 Mailbox busy",
    });
  });

  it("is retried when no server answered", () => {
    const refused = failureOf(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ESOCKET" }),
    );
    expect(judgeFailure(refused, 0, now)).toEqual({
      outcome: "retry",
      nextAttemptAt: plus(60_000),
      error: "ESOCKET: connect ECONNREFUSED 127.0.0.1:1",
    });
  });

  it("fails at once on a 5xx, noting the address only when the recipient was refused", () => {
    const noUser = {
      message: "x",
      code: "EENVELOPE",
      responseCode: 550,
      response: "550 5.1.1 No such user",
      command: "RCPT TO",
    };
    expect(judgeFailure(noUser, 0, now)).toEqual({
      outcome: "failed",
      addressRefused: true,
      error: "550 5.1.1 No such user",
    });
    const content = {
      message: "x",
      code: "EMESSAGE",
      responseCode: 554,
      response: "554 Spam",
      command: "DATA",
    };
    expect(judgeFailure(content, 0, now)).toMatchObject({ outcome: "failed", addressRefused: false });
  });

  it("is retried when our own sign-in is refused: the operator fixes it, not the user", () => {
    const auth = {
      message: "x",
      code: "EAUTH",
      responseCode: 535,
      response: "535 Bad credentials",
      command: "AUTH PLAIN",
    };
    expect(judgeFailure(auth, 0, now)).toMatchObject({ outcome: "retry" });
  });
});

describe("the daily digest", () => {
  it("is due after the hour of China's day", () => {
    expect(digestDayDue(new Date("2026-12-03T22:59:59Z"), 7)).toBeNull();
    expect(digestDayDue(new Date("2026-12-03T23:00:00Z"), 7)).toBe("2026-12-04");
    expect(digestDayDue(new Date("2026-12-04T15:59:59Z"), 7)).toBe("2026-12-04");
    expect(digestDayDue(new Date("2026-12-04T16:00:00Z"), 7)).toBeNull();
    expect(digestDayDue(new Date("2026-12-04T16:00:00Z"), 0)).toBe("2026-12-05");
  });

  it("lists each notification with its link, escaped in HTML", () => {
    const mail = renderDigest(
      "en",
      "2026-12-04",
      [
        { kind: "notice_ending", params: { competition: "A<b>", end: "2026-12-08" }, link: "/notices/3" },
        { kind: "objection_filed", params: { competition: "B" }, link: "/competitions/4/notice" },
      ],
      "https://laurel.example.org",
    );
    expect(mail.subject).toBe("Daily digest: 2 new");
    expect(mail.text).toContain(
      "• The notice period is ending (A<b>)\n  https://laurel.example.org/notices/3",
    );
    expect(mail.text).toContain("https://laurel.example.org/inbox");
    expect(mail.html).toContain(
      '<a href="https://laurel.example.org/notices/3">The notice period is ending (A&lt;b&gt;)</a>',
    );
    expect(mail.html).not.toContain("A<b>");
  });
});
