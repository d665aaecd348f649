/**
 * The Remix server build's entry (remix.config.js `server`): the routes and the HTTP app around
 * them compiled into one bundle, build/index.js, so that the modules both use (the published-page
 * cache above all) are loaded once per process. build/server.js (scripts/start.ts) and the
 * benchmarks load this bundle and call `createApp` (docs/decisions/017).
 */
import { fileURLToPath } from "node:url";
import * as build from "@remix-run/dev/server-build";
import type { AppServices } from "../app/utils/context.server";
import { createHttpApp } from "./server";

/** The browser's files: public/ copied beside this bundle, with Remix's assets in public/build/. */
const PUBLIC_DIR = fileURLToPath(new URL("./public", import.meta.url));

/** The production HTTP app over this build's routes. */
export function createApp(services: AppServices) {
  return createHttpApp({ build, services, publicDir: PUBLIC_DIR });
}
