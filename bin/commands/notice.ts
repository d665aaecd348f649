import { type Command, CommandError } from "../cli-kit";

// Placeholder: replaced by the area's real commands.
export const calendarImport: Command = {
  usage: "calendar import FILE",
  summary: "Holidays and make-up workdays: date,kind,note",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

export const noticeEnd: Command = {
  usage: "notice end --start DATE --days N [--calendar-days]",
  summary: "The last day of a notice period",
  run: async () => {
    throw new CommandError("not available yet");
  },
};

