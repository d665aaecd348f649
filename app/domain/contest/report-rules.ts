import type { MessageKey } from "~/i18n";
import type { ReportStatus } from "./scheme";

/**
 * The rules of a period report (docs/domain.md#contest, decision 027): how a typed value is read,
 * where a day stands against a reporting window, and which step a report in a given state allows.
 * Pure; the model asks them and writes.
 */

/** The largest value accepted: far above any real count or 万元 figure, far below float trouble. */
export const MAX_REPORT_VALUE = 1e12;
/** Decimals kept: the standings compare at 4 (decision 023), 6 leaves room for units like 万元. */
export const MAX_REPORT_DECIMALS = 6;

export type ValueParse =
  | { ok: true; value: number | null }
  | { ok: false; messageKey: MessageKey; params?: Record<string, string | number> };

/**
 * A typed value: empty is "not reported" (null), never 0. Full-width digits are folded (NFKC) and
 * thousands separators accepted only in groups of three ("1,234.5", not "1,2"), as Excel and
 * offices write them; a sign, an exponent or any other text is refused, and so is a negative.
 */
export function parseReportValue(raw: string | null | undefined): ValueParse {
  const text = (raw ?? "").normalize("NFKC").trim();
  if (text === "") return { ok: true, value: null };
  if (/^-\s*\d/.test(text)) return { ok: false, messageKey: "contestReports.value.negative" };
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text))
    return { ok: false, messageKey: "contestReports.value.notNumber", params: { value: text.slice(0, 40) } };
  const decimals = text.split(".")[1]?.length ?? 0;
  if (decimals > MAX_REPORT_DECIMALS)
    return { ok: false, messageKey: "contestReports.value.decimals", params: { max: MAX_REPORT_DECIMALS } };
  const value = Number(text.replace(/,/g, ""));
  if (value > MAX_REPORT_VALUE) return { ok: false, messageKey: "contestReports.value.tooLarge" };
  return { ok: true, value };
}

/** A day against a period's reporting window, both ends included (ISO dates compare as text). */
export type WindowState = "before" | "open" | "closed";

export function windowState(window: { opens: string; closes: string }, today: string): WindowState {
  if (today < window.opens) return "before";
  return today > window.closes ? "closed" : "open";
}

/** What a report is as far as its steps go. */
export interface ReportState {
  status: ReportStatus;
  late: boolean;
  consented: boolean;
  /** Submitted at least once before (a resubmission after a return keeps the first one's lateness). */
  everSubmitted: boolean;
}

/** The reporter's fields may change: a new report, a draft, or one returned for correction. */
export const isEditable = (s: Pick<ReportState, "status">) => s.status === "draft" || s.status === "returned";

/**
 * Submitting: refused before the window opens; after it closes allowed, but a first submission is
 * then late and waits for the organizer's consent. A resubmission after a return keeps what the
 * first submission was: the return was the verifier's doing, not the reporter's delay.
 */
export function submitOutcome(
  s: ReportState,
  window: WindowState,
): { ok: true; late: boolean } | { ok: false; messageKey: MessageKey } {
  if (!isEditable(s)) return { ok: false, messageKey: "contestReports.notEditable" };
  if (window === "before") return { ok: false, messageKey: "contestReports.window.notOpen" };
  if (s.everSubmitted) return { ok: true, late: s.late };
  return { ok: true, late: window === "closed" };
}

/** Why a report cannot be verified now, or null when it can. */
export function verifyRefusal(s: ReportState): MessageKey | null {
  if (s.status !== "submitted") return "contestReports.verify.notSubmitted";
  if (s.late && !s.consented) return "contestReports.verify.lateNotConsented";
  return null;
}

export function returnRefusal(s: ReportState): MessageKey | null {
  return s.status === "submitted" ? null : "contestReports.return.notSubmitted";
}

export function consentRefusal(s: ReportState): MessageKey | null {
  if (s.status !== "submitted" || !s.late) return "contestReports.consent.notLate";
  return s.consented ? "contestReports.consent.already" : null;
}

export function correctRefusal(s: ReportState): MessageKey | null {
  return s.status === "verified" ? null : "contestReports.correct.notVerified";
}

/** The reason of a return or a correction: required, trimmed, at most this long. */
/** Reports per page of a verifier's queue, and per bulk verification: one page is one verification at most. */
export const QUEUE_PAGE = 500;

export const MAX_REASON_CHARS = 500;
export const MAX_NOTE_CHARS = 2000;

export function checkReason(
  raw: string | null | undefined,
): { ok: true; reason: string } | { ok: false; messageKey: MessageKey } {
  const reason = (raw ?? "").trim();
  if (!reason) return { ok: false, messageKey: "contestReports.reason.required" };
  if (reason.length > MAX_REASON_CHARS) return { ok: false, messageKey: "contestReports.reason.tooLong" };
  return { ok: true, reason };
}

/** Values that differ once read: a correction records only those (null: not reported). */
export function changedValues(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number | null>,
): { indicatorId: number; previous: number | null; next: number | null }[] {
  const out: { indicatorId: number; previous: number | null; next: number | null }[] = [];
  for (const [indicatorId, next] of after) {
    const previous = before.get(indicatorId) ?? null;
    if (previous !== next) out.push({ indicatorId, previous, next });
  }
  return out;
}

/**
 * A user's subtrees for a role, cut to the organizer's: a grant above the organizer reaches the
 * whole contest, one outside it nothing. The reporter's and the verifier's lists are read in these.
 */
export function reachWithin(
  grants: readonly { role: string; orgPath: string }[],
  role: string,
  organizerPath: string,
): string[] {
  const paths = grants
    .filter((g) => g.role === role)
    .flatMap((g) =>
      g.orgPath.startsWith(organizerPath)
        ? [g.orgPath]
        : organizerPath.startsWith(g.orgPath)
          ? [organizerPath]
          : [],
    );
  return [...new Set(paths)];
}

/** The form field of a typed indicator's value. */
export const valueField = (code: string) => `v_${code}`;
