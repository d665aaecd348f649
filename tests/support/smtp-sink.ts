import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

/** What the sink answers to a recipient: nothing (accept) or an SMTP reply code and text. */
export type RcptAnswer = { code: number; message: string } | undefined;

export interface SmtpSink {
  port: number;
  /** Every mail received, parsed (when `parse`), in the order they arrived. */
  mails: ParsedMail[];
  /** The Message-ID of every mail received, repeats included. */
  messageIds: string[];
  /** Decides each RCPT TO; accepts everything by default. */
  answer: (address: string) => RcptAnswer;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;

/**
 * A real SMTP server in this process (smtp-server, by nodemailer's authors) on a free local port,
 * keeping what it receives: the integration tests read it with mailparser, the mail bench counts
 * Message-IDs. No STARTTLS (its self-signed certificate would be refused) and no sign-in.
 */
export async function startSmtpSink({ parse = true }: { parse?: boolean } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    mails: [],
    messageIds: [],
    answer: () => undefined,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    maxClients: 100,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refusal = sink.answer(address.address);
      if (!refusal) return callback();
      const error = new Error(refusal.message) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const head = raw.subarray(0, Math.max(0, raw.indexOf("\r\n\r\n")) || raw.length).toString("utf8");
        sink.messageIds.push(MESSAGE_ID.exec(head)?.[1] ?? "");
        if (!parse) return callback();
        simpleParser(raw).then(
          (mail) => {
            sink.mails.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  return sink;
}
