import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./smtp-sink-child.ts", import.meta.url));

export interface ChildSink {
  port: number;
  /** Every Message-ID the server received, repeats included. */
  messageIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** A local SMTP server in a child process (lib/smtp-sink-child.ts), so that it does not share the sender's event loop. */
export async function startChildSink(): Promise<ChildSink> {
  const child = fork(CHILD, [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [ready] = (await once(child, "message")) as [{ port: number }];
  return {
    port: ready.port,
    async messageIds() {
      child.send("ids");
      const [reply] = (await once(child, "message")) as [{ ids: string[] }];
      return reply.ids;
    },
    async close() {
      if (child.exitCode !== null) return;
      child.send("stop");
      await once(child, "exit");
    },
  };
}
