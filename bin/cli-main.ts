import { type Command, CommandError, EXIT, parseCommandArgs, UsageError } from "./cli-kit";

/** A command's line in the overview; its module is loaded only when it runs. */
interface Entry {
  usage: string;
  summary: string;
  load: () => Promise<Command>;
}

/**
 * Commands by their words, as typed after `npm run laurel --`. Each is loaded when it runs: a
 * command then imports only its own modules (and packages), and `--help` none of them.
 */
const COMMANDS: Record<string, Entry> = {
  "db migrate": {
    usage: "db migrate",
    summary: "bring the schema up to date",
    load: async () => (await import("./commands/db")).dbMigrate,
  },
  "demo load": {
    usage: "demo load [--reset]",
    summary: "load the demo data (orgs and users per role); --reset empties the database first",
    load: async () => (await import("./commands/demo")).demoLoad,
  },
  "orgs import": {
    usage: "orgs import FILE [--all-or-nothing]",
    summary: "import the org tree: name,kind,parent,region_code (CSV or XLSX)",
    load: async () => (await import("./commands/orgs")).orgsImport,
  },
  "user create": {
    usage:
      "user create --username U --org NAME --role admin|nominator|judge [--name DISPLAY] [--email E] [--mail-language zh-CN|en] (password on stdin)",
    summary: "create a login with a role at its org",
    load: async () => (await import("./commands/user")).userCreate,
  },
  "competition import": {
    usage: "competition import FILE.json",
    summary: "create a draft competition from a template; prints its id",
    load: async () => (await import("./commands/competition")).competitionImport,
  },
  "competition export": {
    usage: "competition export ID",
    summary: "print a competition as its template (JSON)",
    load: async () => (await import("./commands/competition")).competitionExport,
  },
  "competition advance": {
    usage: "competition advance ID [--to STAGE]",
    summary: "move a competition forward stage by stage (to the next one by default)",
    load: async () => (await import("./commands/competition")).competitionAdvance,
  },
  "nominations import": {
    usage: "nominations import FILE --competition ID --category NAME [--all-or-nothing]",
    summary:
      "import a nominations sheet (XLSX, or CSV in UTF-8 or GBK) into a category; 奖项类别 and 类型 may be left out, only the category's kind's columns are required; rows go in as submitted",
    load: async () => (await import("./commands/nominations")).nominationsImport,
  },
  "nominations list": {
    usage: "nominations list --competition ID [--category NAME] [--format json]",
    summary: "list the nominations of a competition: ref, name, org, status",
    load: async () => (await import("./commands/nominations")).nominationsList,
  },
  "nominations review": {
    usage:
      "nominations review --competition ID --category NAME (--ref R … | --all) --eligible|--ineligible [--reason T]",
    summary: "record eligibility decisions (reviewing stage); --all takes every undecided nomination",
    load: async () => (await import("./commands/nominations")).nominationsReview,
  },
  "contest participants import": {
    usage: "contest participants import FILE --competition ID",
    summary:
      "enrol a contest's participants from a sheet (单位 org, 组别 group; XLSX, or CSV in UTF-8 or GBK); any refused row: nothing written, exit 3",
    load: async () => (await import("./commands/contest-participants")).contestParticipantsImport,
  },
  "contest targets import": {
    usage: "contest targets import FILE --competition ID",
    summary:
      "set a contest's targets from a sheet (单位 org, 指标代码 indicator, 周期 period — empty: the year —, 目标值 target); any refused row: nothing written, exit 3",
    load: async () => (await import("./commands/contest-participants")).contestTargetsImport,
  },
  "scores import": {
    usage: "scores import FILE --competition ID --category NAME [--add-judges]",
    summary: "Paper score sheets, entered as submitted",
    load: async () => (await import("./commands/judging")).scoresImport,
  },
  ranking: {
    usage: "ranking --competition ID --category NAME [--method M] [--current] [--format json|csv]",
    summary: "The ranking of a category, best first",
    load: async () => (await import("./commands/judging")).ranking,
  },
  select: {
    usage: "select --competition ID --category NAME [--method M] [--current] [--format json]",
    summary: "The proposed list under the composition rules",
    load: async () => (await import("./commands/judging")).select,
  },
  "calendar import": {
    usage: "calendar import FILE [--all-or-nothing]",
    summary: "Holidays and make-up workdays: date,kind,note (importing again updates dates in place)",
    load: async () => (await import("./commands/notice")).calendarImport,
  },
  "notice end": {
    usage: "notice end --start DATE --days N [--calendar-days] [--format json]",
    summary: "The last day of a notice period (working days by the calendar in the database)",
    load: async () => (await import("./commands/notice")).noticeEnd,
  },
  "reminders run": {
    usage: "reminders run [--dry-run]",
    summary:
      "queue the reminders due today (for cron where no server runs the job); prints how many per kind; --dry-run writes nothing",
    load: async () => (await import("./commands/reminders")).remindersRun,
  },
  "registry import": {
    usage: "registry import counties|helpers|pairings|activities FILE [--all-or-nothing]",
    summary: "Registry sheets (counties, helpers, pairings); activities go to the aid statistics",
    load: async () => (await import("./commands/registry")).registryImport,
  },
  match: {
    usage: "match [--format json] [--apply]",
    summary: "Suggest the pairings that close every county's gap; --apply makes them (province tier)",
    load: async () => (await import("./commands/registry")).match,
  },
  stats: {
    usage: "stats [--year Y] [--format json]",
    summary:
      "aid activity statistics for the province: teams, activities, person-times, funds, villages, households and people",
    load: async () => (await import("./commands/activities")).stats,
  },
  "mail send-pending": {
    usage: "mail send-pending",
    summary:
      "send the mails due now, and the day's digests once MAIL_DIGEST_HOUR has passed (for cron; needs SMTP_URL)",
    load: async () => (await import("./commands/mail")).mailSendPending,
  },
  "contest standings": {
    usage:
      "contest standings --competition ID --period LABEL [--scope cumulative|period] [--group NAME] [--provisional] [--format json]",
    summary:
      "the contest's standings of a period by group (verified values; --provisional: every submitted value too)",
    load: async () => (await import("./commands/contest-standings")).contestStandings,
  },
  "contest reports import": {
    usage: "contest reports import FILE --competition ID [--verified]",
    summary:
      "import a contest's reports sheet (org, period, indicator, value, note): as submitted, or verified with --verified; one bad row and nothing is written",
    load: async () => (await import("./commands/contest-reports")).contestReportsImport,
  },
  backup: {
    usage: "backup FILE",
    summary: "write a consistent copy of the whole database to FILE",
    load: async () => (await import("./commands/backup")).backup,
  },
  restore: {
    usage: "restore FILE",
    summary:
      "replace the database with a backup (refuses a file that is not a Laurel database of a known schema)",
    load: async () => (await import("./commands/backup")).restore,
  },
};

function overview(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`);
  return `Usage: npm run laurel -- <command> [options]\nDATABASE_URL selects the database (default file:data/laurel.db).\n\nCommands:\n${lines.join("\n")}\n\nEach command takes --help.\n`;
}

function findCommand(argv: string[]): { entry: Entry; rest: string[] } | undefined {
  for (const words of [3, 2, 1]) {
    const entry = COMMANDS[argv.slice(0, words).join(" ")];
    if (entry) return { entry, rest: argv.slice(words) };
  }
  return undefined;
}

/** Runs one command line (the words after `npm run laurel --`); the exit status is returned, not set. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(overview());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`Unknown command: ${argv.join(" ")}\n\n${overview()}`);
    return EXIT.usage;
  }
  const { entry, rest } = found;
  try {
    const cmd = await entry.load();
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      process.stdout.write(`Usage: npm run laurel -- ${entry.usage}\n${entry.summary}\n`);
      return EXIT.ok;
    }
    return await cmd.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nUsage: npm run laurel -- ${entry.usage}\n`);
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
