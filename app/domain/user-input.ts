import { z } from "zod";
import { ROLES } from "./org-vocabulary";

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD_LENGTH = 10;

export const UsernameSchema = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, "form.usernameFormat");
export const PasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, "form.passwordLength").max(1024);
export const RoleSchema = z.enum(ROLES, { message: "form.invalidChoice" });

/** A form's repeated checkbox: absent, one value or several. */
export const RoleListSchema = z
  .preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(RoleSchema))
  .transform((v) => [...new Set(v)]);

export const NewUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, "form.required").max(50),
  password: PasswordSchema,
  roles: RoleListSchema,
});
