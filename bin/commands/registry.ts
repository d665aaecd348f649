import { type Command, CommandError } from "../cli-kit";

// Placeholder: replaced by the area's real commands.
export const registryImport: Command = {
  usage: "registry import counties|helpers|pairings|activities FILE",
  summary: "Registry sheets (§6); activities go to the aid statistics",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

export const match: Command = {
  usage: "match [--format json] [--apply]",
  summary: "Suggest the pairings that close every county's gap",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

