import { migrateToLatest } from "../../db/migrate";
import { buildDigests } from "../../app/models/mail-digest.server";
import { createMailTransport, senderName, sendPending } from "../../app/models/mail-sender.server";
import { mailSettings } from "../../app/utils/smtp-config.server";
import { ConfigError } from "../../app/utils/secrets.server";
import { type Command, CommandError, EXIT, tr, withDatabase } from "../cli-kit";

/**
 * `mail send-pending`: what the server's sender loop does, once, for cron where no server runs it
 * (decision 030): the day's digests when due, then every mail due now. Claims make it safe beside
 * running servers: no mail goes twice.
 */
export const mailSendPending: Command = {
  async run() {
    let settings;
    try {
      settings = mailSettings();
    } catch (error) {
      if (error instanceof ConfigError) throw new CommandError(error.message);
      throw error;
    }
    const smtp = settings.smtp;
    if (!smtp) throw new CommandError(tr("mail.cli.noSmtp"));
    const transport = createMailTransport(smtp);
    try {
      const tally = await withDatabase(async (db) => {
        await migrateToLatest(db);
        const me = senderName();
        const digests = await buildDigests(db, { digestHour: settings.digestHour, holder: me });
        return { digests, ...(await sendPending(db, transport, { settings, me })) };
      });
      process.stdout.write(`${tr("mail.cli.report", tally)}\n`);
      return EXIT.ok;
    } finally {
      transport.close();
    }
  },
};
