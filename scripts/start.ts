/**
 * `npm start`, compiled to build/server.js (scripts/build.mjs): migrates, loads the demo into an
 * empty database, and serves the Remix build beside it, build/index.js, in one process or in
 * worker processes (decision 011). scripts/run.mjs builds first when the build is stale.
 */
import cluster from "node:cluster";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, loadDemoIfEmpty } from "../seed/load";
import { createServices } from "../app/utils/context.server";
import { loadSecrets, type Secrets } from "../app/utils/secrets.server";
import { startWorkers, workerCount } from "./cluster";
import { reminderIntervalMs, startReminderJob } from "./reminder-job";
import { trustProxySetting } from "./trust-proxy";
import { describeSmtp, mailSettings } from "../app/utils/smtp-config.server";

/** The Remix build beside this compiled file: the routes and the HTTP app (scripts/app-entry.ts). */
const APP = new URL("./index.js", import.meta.url);
type AppBuild = typeof import("./app-entry");
/** How long a stopping server waits for the requests under way before it exits regardless. */
const STOP_GRACE_MS = 5000;

/** The server's database: one connection (SQLite) or pool (PostgreSQL) per process. */
const openForServing = () => createDatabase(undefined, { backgroundCheckpoint: true });

/** Opens the database and the build and serves them here; resolves with the address once listening. */
async function serve(secrets: Secrets, production: boolean, db = openForServing()): Promise<AddressInfo> {
  const { createApp } = (await import(APP.href)) as AppBuild;
  const app = createApp(createServices(db, secrets, production));
  const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? "0.0.0.0");
  await once(server, "listening");
  // Every serving process asks for the reminder lease; one at a time runs the scan (decision 031).
  const reminderMs = reminderIntervalMs(process.env.LAUREL_REMINDER_MINUTES);
  const reminders = reminderMs ? startReminderJob(db, reminderMs) : null;
  // On SIGTERM or SIGINT: answer the requests under way, close idle connections, close the database.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    const jobsStopped = reminders?.stop() ?? Promise.resolve();
    server.close(() => void jobsStopped.finally(() => db.destroy()).finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return server.address() as AddressInfo;
}

/** How long a server starting beside another on one SQLite file waits for the other's migration and demo load. */
const STARTUP_WAIT_MS = 120_000;

/**
 * Runs `step` again while SQLite answers busy: another server holds the write lock longer than the
 * busy timeout (its demo load takes seconds). Both steps are safe to repeat (see loadDemoIfEmpty).
 */
async function whileBusy<T>(step: () => Promise<T>, deadline = Date.now() + STARTUP_WAIT_MS): Promise<T> {
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (
        !String((error as { code?: unknown }).code ?? "").startsWith("SQLITE_BUSY") ||
        Date.now() > deadline
      )
        throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Migrates and loads the demo once, in the primary process, before anything serves. */
async function prepare(production: boolean) {
  const secrets = loadSecrets();
  for (const file of secrets.generated) console.log(`Generated a development secret in ${file}`);
  const db = openForServing();
  await whileBusy(() => migrateToLatest(db));
  // The demo's passwords are public: production loads it only when asked (LAUREL_DEMO=1).
  const wantDemo = !production || process.env.LAUREL_DEMO === "1";
  const demoLoaded = wantDemo && (await whileBusy(() => loadDemoIfEmpty(db, secrets.dataKey)));
  return { secrets, db, demoLoaded };
}

async function main() {
  const production = process.env.NODE_ENV === "production";
  if (cluster.isWorker) {
    await serve(loadSecrets(), production);
    return;
  }
  const workers = workerCount(process.env);
  // A bad value stops the start here, with its message, before anything is served.
  trustProxySetting(process.env.TRUST_PROXY);
  reminderIntervalMs(process.env.LAUREL_REMINDER_MINUTES);
  const mail = mailSettings();
  const { secrets, db, demoLoaded } = await prepare(production);
  let address: { address: string; port: number };
  if (workers === 1) {
    address = await serve(secrets, production, db);
  } else {
    // The mail sender runs here, once per machine, not in each worker (decision 030).
    if (!mail.smtp) await db.destroy();
    // The workers run this compiled file, whatever started the primary (npm start's scripts/run.mjs).
    address = await startWorkers(workers, fileURLToPath(import.meta.url));
  }
  if (mail.smtp) {
    // nodemailer is loaded only by a server that sends.
    const stopMail = (await import("./mail-loop")).startMailLoop(db, mail);
    process.once("SIGTERM", stopMail);
    process.once("SIGINT", stopMail);
  }
  const host = address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address;
  console.log(
    `Laurel is serving http://${host}:${address.port}${workers > 1 ? ` (${workers} worker processes)` : ""}`,
  );
  console.log(
    mail.smtp
      ? `Mail: sending through ${describeSmtp(mail.smtp)} as ${mail.from}`
      : "Mail: SMTP_URL is not set; mails wait in the outbox (/outbox)",
  );
  if (demoLoaded) console.log("Loaded the demo data into the empty database.");
  if (!production) {
    console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(12)} ${u.role.padEnd(10)} ${u.org}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
