import { type Command, CommandError } from "../cli-kit";

// Placeholder: replaced by the area's real commands.
export const scoresImport: Command = {
  usage: "scores import FILE --competition ID --category NAME [--add-judges]",
  summary: "Paper score sheets, entered as submitted",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

export const ranking: Command = {
  usage: "ranking --competition ID --category NAME [--method M] [--format json|csv]",
  summary: "The ranking of a category, best first",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

export const select: Command = {
  usage: "select --competition ID --category NAME [--method M] [--format json]",
  summary: "The proposed list under the composition rules",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

