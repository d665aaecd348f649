import { type Command, CommandError } from "../cli-kit";

// Placeholder: replaced by the area's real commands.
export const stats: Command = {
  usage: "stats [--year Y] [--format json]",
  summary: "Aid activity statistics",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

/** `registry import activities FILE`: called by the registry command; returns the exit code. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function runActivitiesImport(file: string, allOrNothing: boolean): Promise<number> {
  throw new CommandError("not available yet");
}
