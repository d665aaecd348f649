import { type Command, CommandError } from "../cli-kit";

// Placeholder: replaced by the area's real commands.
export const stats: Command = {
  usage: "stats [--year Y] [--format json]",
  summary: "Aid activity statistics",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

