import { type Command, CommandError, EXIT, parseCommandArgs, UsageError } from "./cli-kit";

/**
 * Commands by their words, as typed after `npm run laurel --`. Each is loaded when it runs: a
 * command then imports only its own modules, which halves the start-up of most commands.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  "db migrate": async () => (await import("./commands/db")).dbMigrate,
  "demo load": async () => (await import("./commands/demo")).demoLoad,
  "orgs import": async () => (await import("./commands/orgs")).orgsImport,
  "user create": async () => (await import("./commands/user")).userCreate,
  "competition import": async () => (await import("./commands/competition")).competitionImport,
  "competition export": async () => (await import("./commands/competition")).competitionExport,
  "competition advance": async () => (await import("./commands/competition")).competitionAdvance,
  "nominations import": async () => (await import("./commands/nominations")).nominationsImport,
  "nominations list": async () => (await import("./commands/nominations")).nominationsList,
  "nominations review": async () => (await import("./commands/nominations")).nominationsReview,
  "scores import": async () => (await import("./commands/judging")).scoresImport,
  ranking: async () => (await import("./commands/judging")).ranking,
  select: async () => (await import("./commands/judging")).select,
  "calendar import": async () => (await import("./commands/notice")).calendarImport,
  "notice end": async () => (await import("./commands/notice")).noticeEnd,
  "registry import": async () => (await import("./commands/registry")).registryImport,
  match: async () => (await import("./commands/registry")).match,
  stats: async () => (await import("./commands/activities")).stats,
  backup: async () => (await import("./commands/backup")).backup,
  restore: async () => (await import("./commands/backup")).restore,
};

async function overview(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const lines = commands.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`);
  return `Usage: npm run laurel -- <command> [options]\nDATABASE_URL selects the database (default file:data/laurel.db).\n\nCommands:\n${lines.join("\n")}\n\nEach command takes --help.\n`;
}

async function findCommand(argv: string[]): Promise<{ cmd: Command; rest: string[] } | undefined> {
  for (const words of [2, 1]) {
    const load = COMMANDS[argv.slice(0, words).join(" ")];
    if (load) return { cmd: await load(), rest: argv.slice(words) };
  }
  return undefined;
}

/** Runs one command line (the words after `npm run laurel --`); the exit status is returned, not set. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(await overview());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = await findCommand(argv);
  if (!found) {
    process.stderr.write(`Unknown command: ${argv.join(" ")}\n\n${await overview()}`);
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
