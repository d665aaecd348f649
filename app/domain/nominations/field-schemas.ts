import { z } from "zod";
import { chinaToday, isIsoDate, type IsoDate } from "../notice/iso-date";
import { parseYesNo, type Enumeration } from "./fields";
import { validateIdNumber, type IdNumberMessageKey } from "./id-number";
import { normalizePhone } from "./phone";

/**
 * Building blocks of the nomination schemas. Each reads a form field or sheet cell (text, or a
 * number from an XLSX cell, or absent) and adds at most one issue whose message is a key. A
 * length limit is a `too_big` issue without a message, so the form layer says form.tooLong with
 * {max}, as it does for every other length.
 */
export type NominationMessageKey =
  | IdNumberMessageKey
  | "form.required"
  | "form.tooLong"
  | "form.invalid"
  | "form.date"
  | "nomination.kind.invalid"
  | "nomination.gender.invalid"
  | "nomination.gender.idMismatch"
  | "nomination.birthDate.range"
  | "nomination.birthDate.idMismatch"
  | "nomination.occupationGroup.invalid"
  | "nomination.migrant.invalid"
  | "nomination.sector.invalid"
  | "nomination.collectiveKind.invalid"
  | "nomination.phone.format"
  | "nomination.memberCount.invalid";

const cell = z.preprocess((v) => (v == null ? "" : typeof v === "number" ? String(v) : v), z.string());

export const EARLIEST_BIRTH_DATE: IsoDate = "1900-01-01";

/** Characters as people count them: 事迹 limits are Unicode code points, not UTF-16 units. */
export function charCount(s: string): number {
  return [...s].length;
}

export function firstChars(s: string, n: number): string {
  return [...s].slice(0, n).join("");
}

function fail(ctx: z.RefinementCtx, messageKey: NominationMessageKey): never {
  ctx.addIssue({ code: "custom", message: messageKey });
  return z.NEVER;
}

function field<T>(parse: (text: string, ctx: z.RefinementCtx) => T) {
  return cell.transform((s, ctx) => parse(s.trim(), ctx));
}

function checkLength(s: string, max: number, ctx: z.RefinementCtx): string {
  if (charCount(s) > max) ctx.addIssue({ code: "too_big", maximum: max, inclusive: true, type: "string" });
  return s;
}

export const requiredText = (max: number) =>
  field((s, ctx) => (s === "" ? fail(ctx, "form.required") : checkLength(s, max, ctx)));

export const optionalText = (max: number) => field((s, ctx) => (s === "" ? null : checkLength(s, max, ctx)));

export function requiredChoice<T extends string>(e: Enumeration<T>, invalidKey: NominationMessageKey) {
  return field((s, ctx) => (s === "" ? fail(ctx, "form.required") : (e.parse(s) ?? fail(ctx, invalidKey))));
}

/** Empty is null; an unreadable value is still an error, not silently dropped. */
export function optionalChoice<T extends string>(e: Enumeration<T>, invalidKey: NominationMessageKey) {
  return field((s, ctx) => (s === "" ? null : (e.parse(s) ?? fail(ctx, invalidKey))));
}

export const yesNo = field((s, ctx) =>
  s === "" ? fail(ctx, "form.required") : (parseYesNo(s) ?? fail(ctx, "nomination.migrant.invalid")),
);

/** An ISO date between 1900 and today, or null when empty (the ID number may supply it). */
export const birthDate = (today: IsoDate) =>
  field((s, ctx) => {
    if (s === "") return null;
    if (!isIsoDate(s)) return fail(ctx, "form.date");
    return s < EARLIEST_BIRTH_DATE || s > today ? fail(ctx, "nomination.birthDate.range") : s;
  });

export const idNumber = (today: IsoDate) =>
  field((s, ctx) => {
    const r = validateIdNumber(s, today);
    return r.ok ? r.normalized : fail(ctx, r.messageKey);
  });

export const requiredPhone = field((s, ctx) =>
  s === "" ? fail(ctx, "form.required") : (normalizePhone(s) ?? fail(ctx, "nomination.phone.format")),
);

export const optionalPhone = field((s, ctx) =>
  s === "" ? null : (normalizePhone(s) ?? fail(ctx, "nomination.phone.format")),
);

export const MAX_MEMBER_COUNT = 1_000_000;

/** A whole number of people: "1,200" and full-width digits are fine, "12.5" or "0" are not. */
export const memberCount = field((s, ctx) => {
  if (s === "") return fail(ctx, "form.required");
  const digits = s.normalize("NFKC").replace(/,(?=\d{3}(?:,|$))/g, "");
  const n = /^\d+$/.test(digits) ? Number(digits) : NaN;
  return n >= 1 && n <= MAX_MEMBER_COUNT ? n : fail(ctx, "nomination.memberCount.invalid");
});

export function defaultToday(options?: { today?: IsoDate }): IsoDate {
  return options?.today ?? chinaToday();
}
