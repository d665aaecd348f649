import { type Command, CommandError, EXIT, parseCommandArgs, UsageError } from "./cli-kit";
import { dbMigrate } from "./commands/db";
import { demoLoad } from "./commands/demo";
import { orgsImport } from "./commands/orgs";
import { userCreate } from "./commands/user";
import { backup, restore } from "./commands/backup";
import { competitionAdvance, competitionExport, competitionImport } from "./commands/competition";
import { nominationsImport, nominationsList, nominationsReview } from "./commands/nominations";
import { ranking, scoresImport, select } from "./commands/judging";
import { calendarImport, noticeEnd } from "./commands/notice";
import { match, registryImport } from "./commands/registry";
import { stats } from "./commands/activities";

/** Commands by their words, as typed after `npm run laurel --`. */
const COMMANDS: Record<string, Command> = {
  "db migrate": dbMigrate,
  "demo load": demoLoad,
  "orgs import": orgsImport,
  "user create": userCreate,
  "competition import": competitionImport,
  "competition export": competitionExport,
  "competition advance": competitionAdvance,
  "nominations import": nominationsImport,
  "nominations list": nominationsList,
  "nominations review": nominationsReview,
  "scores import": scoresImport,
  ranking,
  select,
  "calendar import": calendarImport,
  "notice end": noticeEnd,
  "registry import": registryImport,
  match,
  stats,
  backup,
  restore,
};

function overview(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`);
  return `Usage: npm run laurel -- <command> [options]\nDATABASE_URL selects the database (default file:data/laurel.db).\n\nCommands:\n${lines.join("\n")}\n\nEach command takes --help.\n`;
}

function findCommand(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const cmd = COMMANDS[argv.slice(0, words).join(" ")];
    if (cmd) return { cmd, rest: argv.slice(words) };
  }
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(overview());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`Unknown command: ${argv.join(" ")}\n\n${overview()}`);
    return EXIT.usage;
  }
  const { cmd, rest } = found;
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      process.stdout.write(`Usage: npm run laurel -- ${cmd.usage}\n${cmd.summary}\n`);
      return EXIT.ok;
    }
    return await cmd.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nUsage: npm run laurel -- ${cmd.usage}\n`);
      return EXIT.usage;
    }
    if (error instanceof CommandError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.failed;
    }
    process.stderr.write(`Failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
