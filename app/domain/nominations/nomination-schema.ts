import { z } from "zod";
import type { IsoDate } from "../notice/iso-date";
import {
  birthDate,
  defaultToday,
  firstChars,
  idNumber,
  memberCount,
  optionalChoice,
  optionalPhone,
  optionalText,
  requiredChoice,
  requiredPhone,
  requiredText,
  yesNo,
  type NominationMessageKey,
} from "./field-schemas";
import { CollectiveKind, Gender, NominationKind, OccupationGroup, Sector } from "./fields";
import { birthDateOfId, genderOfId } from "./id-number";

export const MAX_SUMMARY = 500;
export const MAX_DEEDS = 3000;

export interface NominationSchemaOptions {
  /** China's date by default; birth dates after it are refused. */
  today?: IsoDate;
}

/**
 * Deeds are required; the public summary may be left out, and then it is the first 500
 * characters of the deeds (docs/domain.md#nominations).
 */
const deedsFields = {
  summary: optionalText(MAX_SUMMARY),
  deeds: requiredText(MAX_DEEDS),
};

function withSummary<T extends { summary: string | null; deeds: string }>(
  v: T,
): Omit<T, "summary"> & { summary: string } {
  return { ...v, summary: v.summary ?? firstChars(v.deeds, MAX_SUMMARY) };
}

/**
 * An individual nomination, with field names as in the nominations sheet. Birth date and gender
 * must agree with the ID number; left empty, they are taken from it.
 */
export function individualNominationSchema(options?: NominationSchemaOptions) {
  const today = defaultToday(options);
  return z
    .object({
      name: requiredText(50),
      gender: optionalChoice(Gender, "nomination.gender.invalid"),
      ethnicity: requiredText(20),
      birth_date: birthDate(today),
      political_status: requiredText(30),
      education: requiredText(30),
      workplace: requiredText(100),
      post: optionalText(50),
      occupation_group: requiredChoice(OccupationGroup, "nomination.occupationGroup.invalid"),
      migrant: yesNo,
      sector: optionalChoice(Sector, "nomination.sector.invalid"),
      id_number: idNumber(today),
      phone: requiredPhone,
      ...deedsFields,
    })
    .superRefine(agreeWithIdNumber)
    .transform((v) => ({
      kind: "individual" as const,
      ...withSummary(v),
      birth_date: v.birth_date ?? birthDateOfId(v.id_number)!,
      gender: v.gender ?? genderOfId(v.id_number)!,
    }));
}

/**
 * Runs also when other fields failed, and a failed field's value is then a zod marker, not a
 * string: each comparison needs both sides to be strings. An empty birth date or gender with an
 * unusable ID number is not an error of its own: the ID number (always required) already carries
 * one, and the hints say to leave both blank, so flagging them would send people to the wrong box.
 */
function agreeWithIdNumber(
  v: { id_number: unknown; birth_date: unknown; gender: unknown },
  ctx: z.RefinementCtx,
) {
  const id = typeof v.id_number === "string" ? v.id_number : null;
  const add = (field: string, message: NominationMessageKey) =>
    ctx.addIssue({ code: "custom", path: [field], message });
  if (!id) return;
  if (typeof v.birth_date === "string" && v.birth_date !== birthDateOfId(id))
    add("birth_date", "nomination.birthDate.idMismatch");
  if (typeof v.gender === "string" && v.gender !== genderOfId(id))
    add("gender", "nomination.gender.idMismatch");
}

/** A collective nomination; sector and a contact phone are optional, the kind of body too (sheets have no column for it). */
export function collectiveNominationSchema() {
  return z
    .object({
      name: requiredText(100),
      collective_kind: optionalChoice(CollectiveKind, "nomination.collectiveKind.invalid"),
      member_count: memberCount,
      leader: requiredText(50),
      sector: optionalChoice(Sector, "nomination.sector.invalid"),
      phone: optionalPhone,
      ...deedsFields,
    })
    .transform((v) => ({ kind: "collective" as const, ...withSummary(v) }));
}

export type IndividualNomination = z.output<ReturnType<typeof individualNominationSchema>>;
export type CollectiveNomination = z.output<ReturnType<typeof collectiveNominationSchema>>;
export type NominationFields = IndividualNomination | CollectiveNomination;

/** One refused field: the sheet column or form field, a message key and its parameters. */
export interface FieldIssue {
  field: string;
  messageKey: NominationMessageKey;
  params?: Record<string, string | number>;
}

/** The schemas' issues as keys: their own messages, and form.tooLong {max} for length limits. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "_form");
    if (issue.code === "too_big")
      return { field, messageKey: "form.tooLong", params: { max: Number(issue.maximum) } };
    // Every custom issue of these schemas is raised with a NominationMessageKey.
    if (issue.code === "custom") return { field, messageKey: issue.message as NominationMessageKey };
    return { field, messageKey: "form.invalid" };
  });
}

/**
 * A nomination of either kind, by its `kind` (individual/个人, collective/集体). Fields of the
 * other kind are ignored: a sheet keeps both sets of columns and fills one.
 */
export function parseNomination(
  input: Record<string, unknown>,
  options?: NominationSchemaOptions,
): { ok: true; value: NominationFields } | { ok: false; issues: FieldIssue[] } {
  const kindText = typeof input.kind === "string" ? input.kind : "";
  const kind = NominationKind.parse(kindText);
  if (!kind)
    return {
      ok: false,
      issues: [{ field: "kind", messageKey: kindText.trim() ? "nomination.kind.invalid" : "form.required" }],
    };
  const schema = kind === "individual" ? individualNominationSchema(options) : collectiveNominationSchema();
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: fieldIssues(result.error) };
}
