import { z } from "zod";
import { PROJECT_STATUSES } from "./vocabulary";
import { parseYuanToFen } from "../money";
import { isIsoDate } from "../notice/iso-date";

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || isIsoDate(v), "form.date");

const investment = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = parseYuanToFen(v);
    if (r.ok) return r.fen;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.messageKey });
    return z.NEVER;
  });

/** An aid project (帮扶项目): a helper's investment in a county. Investment in yuan, stored in fen. */
export const ProjectSchema = z
  .object({
    helperId: z.coerce.number().int().positive(),
    countyId: z.coerce.number().int().positive(),
    title: z.string().trim().min(1).max(200),
    investment,
    startedOn: optionalDate,
    endedOn: optionalDate,
    status: z.enum(PROJECT_STATUSES),
  })
  .refine((p) => !p.startedOn || !p.endedOn || p.startedOn <= p.endedOn, {
    path: ["endedOn"],
    message: "activities.project.endsBeforeStart",
  });

export type ProjectFields = z.infer<typeof ProjectSchema>;
