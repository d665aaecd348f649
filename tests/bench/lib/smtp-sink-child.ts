/**
 * The mail bench's SMTP server in a process of its own, as a real one would be: it starts the sink
 * (tests/support/smtp-sink.ts), tells its parent the port, and answers "ids" with every Message-ID it
 * received. Run through child_process.fork with tsx (lib/smtp-child.ts).
 */
import { startSmtpSink } from "../../support/smtp-sink";

const sink = await startSmtpSink({ parse: false });
process.send!({ port: sink.port });
process.on("message", (message) => {
  if (message === "ids") process.send!({ ids: sink.messageIds });
  if (message === "stop") void sink.close().then(() => process.exit(0));
});
