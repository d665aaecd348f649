import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { buildDigests } from "../app/models/mail-digest.server";
import { createMailTransport, senderName, sendPending } from "../app/models/mail-sender.server";
import type { MailSettings } from "../app/utils/smtp-config.server";

/** How often the server looks for mail to send (and for the day's digests). */
export const MAIL_INTERVAL_MS = 30_000;

/**
 * The server's sender (decision 030): every MAIL_INTERVAL_MS, the day's digests when due, then
 * every mail due now. One run at a time; a failure (the database busy, the SMTP server down) is
 * logged and the next run tries again: mail waits in the outbox, the app serves on. Returns stop().
 */
export function startMailLoop(
  db: Kysely<Database>,
  settings: MailSettings,
  intervalMs = MAIL_INTERVAL_MS,
): () => void {
  const smtp = settings.smtp;
  if (!smtp) return () => {};
  const transport = createMailTransport(smtp);
  const me = senderName();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      await buildDigests(db, { digestHour: settings.digestHour, holder: me });
      const tally = await sendPending(db, transport, { settings, me });
      if (tally.retried || tally.failed)
        console.warn(`Mail: sent ${tally.sent}, to retry later ${tally.retried}, failed ${tally.failed}`);
    } catch (error) {
      console.error(`Mail sender: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Not a timer of its own: the server's connections decide when the process ends.
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs).unref();
  };
  timer = setTimeout(() => void tick(), 1000).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
    transport.close();
  };
}
