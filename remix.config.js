/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  // The HTTP app is compiled into the server build with the routes: one copy of each module (decision 017).
  server: "scripts/app-entry.ts",
  // The browser's files go into build/ too: a deploy ships build/ and production dependencies only.
  assetsBuildDirectory: "build/public/build",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
