/**
 * The registry sheets' rows (docs/domain.md#sheets: counties, helpers, pairings), read into typed fields.
 * Enumerations accept the English value or its Chinese spellings. Pure: whether a code or an id
 * exists is the import's business.
 */
import { z } from "zod";
import type { HelperKind, HonorLevel, Ownership, PairingTier, PovertyLevel } from "./vocabulary";
import { parseTags } from "./tags";

export const REGISTRY_SHEETS = ["counties", "helpers", "pairings"] as const;
export type RegistrySheet = (typeof REGISTRY_SHEETS)[number];

export const MAX_NAME = 100;
export const MAX_TAGS = 500;
export const MAX_REF = 50;
export const MAX_CAPACITY = 100;

function spellings<T extends string>(table: Record<T, readonly string[]>) {
  const lookup = new Map<string, T>();
  for (const [value, names] of Object.entries(table) as [T, string[]][]) {
    lookup.set(value.toLowerCase(), value);
    for (const n of names) lookup.set(n.toLowerCase(), value);
  }
  return (raw: string): T | null => lookup.get(raw.trim().toLowerCase()) ?? null;
}

export const readPovertyLevel = spellings<PovertyLevel>({
  deep: ["深度贫困县", "深度贫困"],
  poverty: ["贫困县", "贫困"],
  none: ["非贫困县", "非贫困"],
});
export const readHelperKind = spellings<HelperKind>({ worker: ["劳模", "劳动模范"], unit: ["劳模单位"] });
export const readHonorLevel = spellings<HonorLevel>({
  national: ["全国", "全国级"],
  provincial: ["省级", "省"],
  city: ["市级", "市"],
});
export const readTier = spellings<PairingTier>({
  province: ["省", "省级"],
  city: ["市", "市级"],
  county: ["县", "县级", "区", "县区"],
});
export const readOwnership = spellings<Ownership>({
  central_soe: ["中央企业", "央企"],
  local_soe: ["地方国有企业", "地方国企", "国有企业"],
  private: ["民营企业", "民营", "私营企业"],
  other: ["其他"],
});

/** A zod field from a spelling table: empty is `form.required` unless optional. */
function enumField<T extends string>(read: (raw: string) => T | null, optional: boolean) {
  return z.string().transform((raw, ctx): T | null => {
    if (!raw.trim()) {
      if (!optional) ctx.addIssue({ code: "custom", message: "form.required" });
      return null;
    }
    const value = read(raw);
    if (!value) ctx.addIssue({ code: "custom", message: "form.invalidChoice" });
    return value;
  });
}

const name = z.string().trim().min(1, "form.required").max(MAX_NAME);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null);
const tags = z
  .string()
  .trim()
  .max(MAX_TAGS)
  .transform((v) => parseTags(v).join(";"));
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "form.regionCode");
const year = (required: boolean) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: "custom", message: "form.required" });
        return null;
      }
      const n = Number(v);
      if (!/^\d{4}$/.test(v) || n < 1949 || n > 2100)
        ctx.addIssue({ code: "custom", message: "registry.row.year" });
      return n;
    });

export const CountyRowSchema = z.object({
  code,
  name,
  city: name,
  poverty_level: enumField(readPovertyLevel, false),
  exited_year: year(false),
  needs: tags,
});
export type CountyRow = {
  code: string;
  name: string;
  city: string;
  poverty_level: PovertyLevel;
  exited_year: number | null;
  needs: string;
};

export const HelperRowSchema = z.object({
  id: z.string().trim().min(1, "form.required").max(MAX_REF),
  kind: enumField(readHelperKind, false),
  name,
  city: name,
  skills: tags,
  capacity: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1 || n > MAX_CAPACITY)
        ctx.addIssue({ code: "custom", message: v ? "registry.row.capacity" : "form.required" });
      return n;
    }),
  level: enumField(readHonorLevel, true),
  title: optional(MAX_NAME),
  year: year(false),
  ownership: enumField(readOwnership, true),
  workplace: optional(MAX_NAME),
  contact: optional(100),
});
export interface HelperRow {
  id: string;
  kind: HelperKind;
  name: string;
  city: string;
  skills: string;
  capacity: number;
  level: HonorLevel | null;
  title: string | null;
  year: number | null;
  ownership: Ownership | null;
  workplace: string | null;
  contact: string | null;
}

const isoDate = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return null;
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(v) ||
      Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
      new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v
    ) {
      ctx.addIssue({ code: "custom", message: "form.date" });
    }
    return v;
  });

export const PairingRowSchema = z.object({
  helper_id: z.string().trim().min(1, "form.required").max(MAX_REF),
  county_code: code,
  tier: enumField(readTier, false),
  started_on: isoDate,
});
export type PairingRow = {
  helper_id: string;
  county_code: string;
  tier: PairingTier;
  started_on: string | null;
};

/** Field issues of a failed parse, first per field, as message keys the import reports. */
export function rowIssues(
  error: z.ZodError,
): { column: string; messageKey: string; params?: Record<string, number> }[] {
  const seen = new Set<string>();
  const out: { column: string; messageKey: string; params?: Record<string, number> }[] = [];
  for (const issue of error.issues) {
    const column = String(issue.path[0] ?? "");
    if (seen.has(column)) continue;
    seen.add(column);
    if (issue.code === "too_big")
      out.push({ column, messageKey: "form.tooLong", params: { max: Number(issue.maximum) } });
    else if (issue.code === "too_small") out.push({ column, messageKey: "form.required" });
    else if (issue.code === "invalid_type") out.push({ column, messageKey: "form.required" });
    else out.push({ column, messageKey: issue.message });
  }
  return out;
}
