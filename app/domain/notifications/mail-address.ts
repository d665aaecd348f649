import { z } from "zod";

/**
 * What we take for a mail address: one local part, one "@", a domain with a dot; no spaces,
 * brackets, commas or quotes (which would let one field name several recipients or a display
 * name). Stricter than RFC 5322 on purpose: an address a clerk types, not every address possible.
 */
const ATOM = '[^\\s@<>()\\[\\],;:"\\\\]+';
export const MAIL_ADDRESS = new RegExp(`^${ATOM}@${ATOM}\\.${ATOM}$`);
export const MAX_MAIL_ADDRESS = 254;

export const isMailAddress = (s: string) => s.length <= MAX_MAIL_ADDRESS && MAIL_ADDRESS.test(s);

/** An optional address from a form or the command line: blank is none, anything else must be one. */
export const MailAddressSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isMailAddress(v), "inbox.address.invalid");

export const MAIL_LANGUAGES = ["zh-CN", "en"] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];
export const MailLanguageSchema = z.enum(MAIL_LANGUAGES, { message: "form.invalidChoice" });

/** The "mail" intent of the account page and of the admin's user page: one address form, two pages. */
export const MailIntentSchema = z.object({
  intent: z.literal("mail"),
  email: MailAddressSchema,
  mailLanguage: MailLanguageSchema,
});
