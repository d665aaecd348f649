import { z } from "zod";
import { migrateToLatest } from "../../db/migrate";
import { getOrgByName } from "../../app/models/org.server";
import { createUser } from "../../app/models/user.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { DomainError } from "../../app/domain/errors";
import { isMessageKey } from "../../app/i18n";
import { PasswordSchema, RoleSchema, UsernameSchema } from "../../app/domain/user-input";
import { MailAddressSchema, MailLanguageSchema } from "../../app/domain/notifications/mail-address";
import { type Command, CommandError, EXIT, readStdin, tr, UsageError, withDatabase } from "../cli-kit";

const Args = z.object({
  username: UsernameSchema,
  org: z.string().min(1),
  role: RoleSchema,
  name: z.string().max(50).optional(),
  email: MailAddressSchema,
  "mail-language": MailLanguageSchema.optional(),
});

export const userCreate: Command = {
  options: {
    username: { type: "string" },
    org: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    "mail-language": { type: "string" },
  },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    const args = Args.safeParse(values);
    if (!args.success) {
      const issue = args.error.issues[0];
      throw new UsageError(
        `--${issue.path.join(".")}: ${isMessageKey(issue.message) ? tr(issue.message) : issue.message}`,
      );
    }
    const password = PasswordSchema.safeParse((await readStdin()).replace(/\r?\n$/, ""));
    if (!password.success) throw new CommandError(`password: ${tr("form.passwordLength")}`);
    const id = await withDatabase(async (db) => {
      await migrateToLatest(db);
      const org = await getOrgByName(db, args.data.org);
      if (!org) throw new CommandError(`no org named ${args.data.org}`);
      try {
        return await db.transaction().execute((trx) =>
          createUser(
            trx,
            { ...SYSTEM_ACTOR, label: "cli" },
            {
              username: args.data.username,
              displayName: args.data.name ?? args.data.username,
              password: password.data,
              org,
              roles: [args.data.role],
              email: args.data.email,
              mailLanguage: args.data["mail-language"],
            },
          ),
        );
      } catch (error) {
        if (error instanceof DomainError) throw new CommandError(tr(error.messageKey, error.params));
        throw error;
      }
    });
    process.stderr.write(`Created user ${args.data.username} (id ${id}).\n`);
    return EXIT.ok;
  },
};
