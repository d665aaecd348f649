import { z } from "zod";
import { ORG_KINDS } from "./org-vocabulary";

/** The fields of an org as a form or a sheet gives them. */
export const OrgFieldsSchema = z.object({
  name: z.string().trim().min(1, "form.required").max(100),
  kind: z.enum(ORG_KINDS, { message: "form.invalidChoice" }),
  regionCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{6}$/.test(v), "form.regionCode"),
});

/** Chinese names of the org kinds, as union offices write them in sheets. */
export const ORG_KIND_ALIASES: Record<string, (typeof ORG_KINDS)[number]> = {
  省总工会: "provincial",
  市总工会: "city",
  "县(区)总工会": "county",
  "县（区）总工会": "county",
  县总工会: "county",
  区总工会: "county",
  基层工会: "grassroots",
  产业工会: "industry",
};
