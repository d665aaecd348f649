/** `npm run laurel -- <command> [options]`: see cli-main.ts for the commands. */
import { runCli } from "./cli-main";

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
