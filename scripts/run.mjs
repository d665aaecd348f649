/**
 * `npm start` (`run.mjs server`) and `npm run laurel` (`run.mjs laurel …`): runs the compiled
 * program from build/, building it first when it is missing or older than the sources, so that a
 * fresh clone or a pull needs nothing more. The build runs in a process of its own: the process
 * that serves never holds an esbuild service (docs/decisions/017). A deploy ships build/ and
 * runs `node build/server.js` or `node build/laurel.js` itself.
 */
import { buildIfStale } from "./build-state.mjs";

const PROGRAMS = { server: "server.js", laurel: "laurel.js" };
const program = PROGRAMS[process.argv[2]];
if (!program) {
  console.error("Usage: node scripts/run.mjs server | laurel [arguments]");
  process.exit(2);
}
// A command's stdout is its answer (an export, JSON): the build then reports on stderr.
if (!buildIfStale({ output: program === "laurel.js" ? "stderr" : "stdout" })) process.exit(1);
// The program reads its own arguments from process.argv[2] on, as if started directly.
process.argv.splice(2, 1);
// Stack traces name the TypeScript sources (the build's source maps); worker processes inherit it.
process.setSourceMapsEnabled(true);
await import(new URL(`../build/${program}`, import.meta.url).href);
