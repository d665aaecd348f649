import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, isEmptyDatabase, loadDemo } from "../db/demo/load";
import { createServices } from "../app/utils/context.server";
import { loadSecrets } from "../app/utils/secrets.server";
import { createHttpApp } from "./server";

const BUILD = path.resolve("build/index.js");

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
  const sources = Math.max(newestMtime("app"), newestMtime("db"), fs.statSync("remix.config.js").mtimeMs);
  if (built >= sources) return;
  console.log("Building Laurel …");
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], { stdio: "inherit" });
}

async function main() {
  const production = process.env.NODE_ENV === "production";
  buildIfNeeded();
  const secrets = loadSecrets();
  for (const file of secrets.generated) console.log(`Generated a development secret in ${file}`);
  const db = createDatabase();
  await migrateToLatest(db);
  // The demo's passwords are public: production loads it only when asked (LAUREL_DEMO=1).
  const wantDemo = !production || process.env.LAUREL_DEMO === "1";
  const demoLoaded = wantDemo && (await isEmptyDatabase(db)) && (await loadDemo(db, secrets.dataKey), true);
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = createHttpApp({ build, services: createServices(db, secrets, production) });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  app.listen(port, host, () => {
    console.log(`Laurel is serving http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
    if (demoLoaded) console.log("Loaded the demo data into the empty database.");
    if (!production) {
      console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
      for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(12)} ${u.role.padEnd(10)} ${u.org}`);
    }
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
