import cluster from "node:cluster";
import { once } from "node:events";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, loadDemoIfEmpty } from "../seed/load";
import { createServices } from "../app/utils/context.server";
import { loadSecrets, type Secrets } from "../app/utils/secrets.server";
import { startWorkers, workerCount } from "./cluster";
import { createHttpApp } from "./server";
import { trustProxySetting } from "./trust-proxy";

const BUILD = path.resolve("build/index.js");
/** How long a stopping server waits for the requests under way before it exits regardless. */
const STOP_GRACE_MS = 5000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds when there is no build or the sources are newer than it. */
function buildIfNeeded() {
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  const sources = Math.max(
    newestMtime("app"),
    newestMtime("db"),
    newestMtime("seed"),
    fs.statSync("remix.config.js").mtimeMs,
  );
  if (built >= sources) return;
  console.log("Building Laurel …");
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: "inherit",
  });
}

/** The server's database: one connection (SQLite) or pool (PostgreSQL) per process. */
const openForServing = () => createDatabase(undefined, { backgroundCheckpoint: true });

/** Opens the database and the build and serves them here; resolves with the address once listening. */
async function serve(secrets: Secrets, production: boolean, db = openForServing()): Promise<AddressInfo> {
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = createHttpApp({ build, services: createServices(db, secrets, production) });
  const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? "0.0.0.0");
  await once(server, "listening");
  // On SIGTERM or SIGINT: answer the requests under way, close idle connections, close the database.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    server.close(() => void db.destroy().finally(() => process.exit(0)));
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

/** Builds, migrates and loads the demo once, in the primary process, before anything serves. */
async function prepare(production: boolean) {
  buildIfNeeded();
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
  // A bad value stops the start here, with its message, before anything is built or served.
  trustProxySetting(process.env.TRUST_PROXY);
  const { secrets, db, demoLoaded } = await prepare(production);
  let address: { address: string; port: number };
  if (workers === 1) {
    address = await serve(secrets, production, db);
  } else {
    await db.destroy();
    address = await startWorkers(workers);
  }
  const host = address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address;
  console.log(
    `Laurel is serving http://${host}:${address.port}${workers > 1 ? ` (${workers} worker processes)` : ""}`,
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
